import { InvalidArgumentError } from 'commander';
import { parseDuration } from './parse-duration.util';

describe(parseDuration.name, () => {
  it.each([
    ['3600', 3_600],
    ['45s', 45],
    ['30m', 1_800],
    ['12h', 43_200],
    ['90d', 7_776_000],
    ['2w', 1_209_600],
    ['0', 0],
    [' 1h ', 3_600],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '1.5h', '-1d', '1y', 'h', '1 d', '0x10', '1e3'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidArgumentError);
  });
});
