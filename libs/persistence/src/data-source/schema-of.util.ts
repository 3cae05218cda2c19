import { type DataSource } from 'typeorm';
import { assertSchemaName } from './schema-name.util';

/** The service schema a Postgres {@link DataSource} was created for; throws if it has none. */
export function schemaOf(dataSource: DataSource): string {
  const { options } = dataSource;
  if (options.type !== 'postgres' || options.schema === undefined) {
    throw new Error('expected a Postgres DataSource with a schema (see createDataSource)');
  }
  return assertSchemaName(options.schema);
}
