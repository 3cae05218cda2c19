import { RequestValidationError } from '../http/problem/problem.errors';
import { MemorySearchQuery } from './memory-search.query';

const errorsOf = (raw: unknown) => {
  try {
    MemorySearchQuery.parse(raw);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a validation error');
};

describe(MemorySearchQuery.name, () => {
  it('reads text, types (comma-separated or repeated), k and minScore', () => {
    expect(
      MemorySearchQuery.parse({ q: 'pet clinic', type: 'prd,qa', k: '7', minScore: '0.25' }),
    ).toEqual({ q: 'pet clinic', type: ['prd', 'qa'], k: 7, minScore: 0.25 });
    expect(MemorySearchQuery.parse({ q: 'x', type: ['prd', 'prd', 'template'] })).toEqual({
      q: 'x',
      type: ['prd', 'template'],
    });
    expect(MemorySearchQuery.parse({ q: 'x', minScore: '1' }).minScore).toBe(1);
    expect(MemorySearchQuery.parse({ q: 'x', minScore: '0' }).minScore).toBe(0);
  });

  it.each([
    [{}, ['q']],
    [{ q: '   ' }, ['q']],
    [{ q: 'a\u0000b' }, ['q']],
    [{ q: 'x'.repeat(20_001) }, ['q']],
    [{ q: 'x', type: 'prd,wizard' }, ['type']],
    [{ q: 'x', type: '' }, ['type']],
    [{ q: 'x', k: '0' }, ['k']],
    [{ q: 'x', k: '51' }, ['k']],
    [{ q: 'x', k: '1e1' }, ['k']],
    [{ q: 'x', minScore: '1.5' }, ['minScore']],
    [{ q: 'x', minScore: '-0.1' }, ['minScore']],
    [{ q: 'x', minScore: '0x1' }, ['minScore']],
    [{ q: 'x', minScore: ['0.1', '0.2'] }, ['minScore']],
    [{ q: ['a', 'b'], limit: '3' }, ['limit', 'q']],
  ])('refuses %j naming %j', (raw, paths) => {
    expect(errorsOf(raw).sort()).toEqual(paths);
  });
});
