import { RequestValidationError } from '../http/problem/problem.errors';
import { ListProjectsQuery } from './list-projects.query';
import { ProjectIdParams } from './project-id.params';
import { likePattern } from './project-list.repository';

const pathsRefused = (parse: () => unknown): string[] => {
  try {
    parse();
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
};

describe(ListProjectsQuery.name, () => {
  it('reads a state, a cursor and a decimal limit', () => {
    expect(ListProjectsQuery.parse({ state: 'running', cursor: 'abc', limit: '100' })).toEqual({
      state: 'running',
      cursor: 'abc',
      limit: 100,
    });
    expect(ListProjectsQuery.parse({})).toEqual({});
  });

  it('reads a name search, trimmed; refuses a blank or overlong one', () => {
    expect(ListProjectsQuery.parse({ q: '  bike ' })).toEqual({ q: 'bike' });
    expect(pathsRefused(() => ListProjectsQuery.parse({ q: '   ' }))).toEqual(['q']);
    expect(pathsRefused(() => ListProjectsQuery.parse({ q: 'x'.repeat(201) }))).toEqual(['q']);
    expect(pathsRefused(() => ListProjectsQuery.parse({ q: ['a', 'b'] }))).toEqual(['q']);
  });

  it('matches LIKE wildcards in a name search literally', () => {
    expect(likePattern('100% bike_share\\x')).toBe('%100\\% bike\\_share\\\\x%');
  });

  it.each([
    ['0x10'],
    ['1e1'],
    [' 5'],
    ['+5'],
    ['05'],
    ['5.0'],
    ['0'],
    ['101'],
    [''],
    ['abc'],
    ['-1'],
    [['1', '2']],
  ])('refuses limit=%j', (limit) => {
    expect(pathsRefused(() => ListProjectsQuery.parse({ limit }))).toEqual(['limit']);
  });

  it('names every bad field, unknown ones included', () => {
    const refused = pathsRefused(() =>
      ListProjectsQuery.parse({ colour: 'red', state: 'paused', cursor: 'x'.repeat(201) }),
    );
    expect(refused.sort()).toEqual(['colour', 'cursor', 'state']);
  });
});

describe(ProjectIdParams.name, () => {
  it('takes a UUID of any version and refuses anything else', () => {
    const id = '0190C7E4-7B1A-7CC2-9F0E-3A4B5C6D7E8F';
    expect(ProjectIdParams.parse({ id })).toEqual({ id });
    expect(pathsRefused(() => ProjectIdParams.parse({ id: 'not-a-uuid' }))).toEqual(['id']);
    expect(pathsRefused(() => ProjectIdParams.parse({ id: `${id}0` }))).toEqual(['id']);
  });
});
