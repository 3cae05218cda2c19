import { connectErrorHint } from './connect-error-hint.util';

describe(connectErrorHint.name, () => {
  const target = { host: 'db.internal', port: '5433', database: 'agentbus', user: 'orch' };
  const withCode = (code: string): Error => Object.assign(new Error(code), { code });

  it.each([
    ['ECONNREFUSED', 'nothing listens on db.internal:5433', 'Postgres is running'],
    ['ENOTFOUND', 'host "db.internal" does not resolve', 'check the host'],
    ['ETIMEDOUT', 'db.internal:5433 is unreachable', 'Postgres is running'],
    ['28P01', 'rejected user "orch"', 'password'],
    ['3D000', 'database "agentbus" does not exist', 'database name'],
  ])('explains %s', (code, what, check) => {
    const hint = connectErrorHint(withCode(code), target);
    expect(hint).toContain(what);
    expect(hint).toContain(check);
  });

  it('explains a connect timeout reported without a code', () => {
    expect(
      connectErrorHint(new Error('Connection terminated due to connection timeout'), target),
    ).toContain('Postgres is running');
  });

  it('leaves errors that are not about connecting alone', () => {
    expect(
      connectErrorHint(new Error('Entity metadata for X#y was not found'), target),
    ).toBeUndefined();
  });
});
