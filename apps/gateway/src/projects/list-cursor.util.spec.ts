import { RequestValidationError } from '../http/problem/problem.errors';
import { decodeCursor, encodeCursor } from './list-cursor.util';

describe(encodeCursor.name, () => {
  const position = {
    createdAt: '2025-11-27T10:11:12.123456Z',
    id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  };

  it('round-trips a position through an opaque, URL-safe string', () => {
    const sut = encodeCursor(position);
    expect(sut).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sut)).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty string', ''],
    ['a tuple of the wrong types', Buffer.from('[1,2]').toString('base64url')],
    [
      'a date without microseconds',
      encodeCursor({ ...position, createdAt: '2025-11-27T10:11:12Z' }),
    ],
    ['an id that is not a uuid', encodeCursor({ ...position, id: "x' OR 1=1" })],
  ])('refuses %s with a 400 naming the cursor', (_case, encoded) => {
    expect(() => decodeCursor(encoded)).toThrow(RequestValidationError);
    expect(() => decodeCursor(encoded)).toThrow(/cursor/);
  });
});
