import { assertSchemaName } from './schema-name.util';

describe(assertSchemaName.name, () => {
  it.each(['orchestrator', 'skills_registry', 't_0a1b2c3d4e5f', '_private'])('accepts %s', (name) =>
    expect(assertSchemaName(name)).toBe(name),
  );

  it.each(['Orchestrator', 'has-dash', '1st', 'a"; DROP SCHEMA public; --', '', 'x'.repeat(57)])(
    'refuses %j',
    (name) => expect(() => assertSchemaName(name)).toThrow(/invalid schema name/),
  );
});
