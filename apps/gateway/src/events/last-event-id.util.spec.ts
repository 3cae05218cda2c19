import { RequestValidationError } from '../http/problem/problem.errors';
import { resumeAfter } from './last-event-id.util';

describe(resumeAfter.name, () => {
  it('starts at the beginning without an id', () => {
    expect(resumeAfter(undefined, undefined)).toBe(0);
    expect(resumeAfter('', undefined)).toBe(0);
  });

  it('prefers the Last-Event-ID header to the query parameter', () => {
    expect(resumeAfter('12', '3')).toBe(12);
    expect(resumeAfter(undefined, '3')).toBe(3);
  });

  it.each(['-1', 'abc', '1e3', '0x10', '+5', '9999999999999999'])(
    'refuses %s with a 400',
    (value) => {
      expect(() => resumeAfter(value, undefined)).toThrow(RequestValidationError);
    },
  );

  it.each([' 5', '5 ', ' '])('refuses the query parameter %j: no spaces around the id', (value) => {
    expect(() => resumeAfter(undefined, value)).toThrow(RequestValidationError);
  });
});
