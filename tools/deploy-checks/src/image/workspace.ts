import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, parse, relative } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(__dirname, '../../../..');

/** Reads a file under the repository root. */
export const readRepoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/**
 * The services: apps whose `main.ts` starts through `runService` (gateway, orchestrator, workers,
 * ...), as opposed to the CLI and the e2e project. Derived from the code, so a new service is
 * checked by every deploy test without anyone remembering to list it.
 */
export function serviceApps(): string[] {
  return readdirSync(join(REPO_ROOT, 'apps'))
    .filter((app) => {
      const main = join(REPO_ROOT, 'apps', app, 'src/main.ts');
      return existsSync(main) && /\brunService\(/.test(readFileSync(main, 'utf8'));
    })
    .sort();
}

/** What an app's `webpack.config.js` produces, relative to the repository root. */
export interface BuildOutput {
  /** e.g. `dist/apps/gateway` */
  readonly dir: string;
  /** e.g. `main.js` */
  readonly fileName: string;
  /** Outputs the Nx `build` target declares, resolved, e.g. `['dist/apps/gateway']`. */
  readonly declaredOutputs: readonly string[];
}

interface WebpackConfig {
  output?: { path?: string };
  plugins?: { options?: { main?: string; outputFileName?: string; outputHashing?: unknown } }[];
}

/**
 * Loads `apps/<app>/webpack.config.js` and reads where the bundle goes. The spec that calls this
 * replaces `@nx/webpack/app-plugin` with a class that keeps its options: the real one needs a
 * running Nx project graph, and only its options matter here.
 */
export async function buildOutputOf(app: string): Promise<BuildOutput> {
  const loaded = (await import(join(REPO_ROOT, 'apps', app, 'webpack.config.js'))) as {
    default?: WebpackConfig;
  } & WebpackConfig;
  const config = loaded.default ?? loaded;
  const outputPath = config.output?.path;
  const options = config.plugins?.[0]?.options;
  if (outputPath === undefined || options === undefined) {
    throw new Error(`apps/${app}/webpack.config.js sets no output.path or no NxAppWebpackPlugin`);
  }
  if (options.outputHashing !== undefined && options.outputHashing !== 'none') {
    throw new Error(`apps/${app}: hashed bundle names cannot be started by a fixed command`);
  }
  const project = JSON.parse(readRepoFile(`apps/${app}/project.json`)) as {
    targets?: { build?: { outputs?: string[] } };
  };
  const declaredOutputs = (project.targets?.build?.outputs ?? []).map((output) =>
    output.replace('{workspaceRoot}/', '').replace('{projectRoot}', `apps/${app}`),
  );
  return {
    dir: relative(REPO_ROOT, outputPath),
    fileName: `${parse(options.outputFileName ?? 'main.js').name}.js`,
    declaredOutputs,
  };
}
