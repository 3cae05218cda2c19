import { type CreateDataSourceOptions, createDataSource } from './create-data-source';
import { initializeDataSource } from './initialize-data-source';
import { pendingMigrations, runMigrations } from './run-migrations';

const USAGE = 'usage: migrate | status';

/**
 * The body of an app's migration entry point: `migrate` applies pending migrations, `status` lists
 * them. Returns the exit code; an app's `migrate.ts` is
 * `runMigrateCli(options, process.argv.slice(2)).then((code) => (process.exitCode = code))`.
 */
export async function runMigrateCli(
  options: CreateDataSourceOptions,
  argv: readonly string[],
  output: { write(text: string): unknown } = process.stdout,
  errors: { write(text: string): unknown } = process.stderr,
): Promise<number> {
  const command = argv[0] ?? 'migrate';
  if (command !== 'migrate' && command !== 'status') {
    errors.write(`${USAGE}\n`);
    return 2;
  }
  const dataSource = createDataSource(options);
  try {
    await initializeDataSource(dataSource);
    const names =
      command === 'migrate' ? await runMigrations(dataSource) : await pendingMigrations(dataSource);
    const verb = command === 'migrate' ? 'applied' : 'pending';
    output.write(
      names.length === 0
        ? `schema ${options.schema}: nothing ${verb}\n`
        : `schema ${options.schema}: ${verb} ${names.join(', ')}\n`,
    );
    return 0;
  } catch (error) {
    errors.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
