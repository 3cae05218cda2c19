import { testNamespace } from './nats';
import { urlWithSearchPath } from './postgres';

describe(testNamespace.name, () => {
  it('returns a fresh t_<hex> name each time', () => {
    const names = new Set(Array.from({ length: 50 }, () => testNamespace()));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^t_[0-9a-f]{12}$/);
  });
});

describe(urlWithSearchPath.name, () => {
  it('sets search_path through the libpq options parameter', () => {
    const url = new URL(urlWithSearchPath('postgres://u:p@127.0.0.1:5432/db', 't_abc'));
    expect(url.searchParams.get('options')).toBe('-c search_path=t_abc');
    expect(url.username).toBe('u');
    expect(url.pathname).toBe('/db');
  });

  it('keeps options that are already there', () => {
    const url = new URL(
      urlWithSearchPath('postgres://127.0.0.1/db?options=-c%20statement_timeout%3D5000', 't_abc'),
    );
    expect(url.searchParams.get('options')).toBe('-c statement_timeout=5000 -c search_path=t_abc');
  });
});
