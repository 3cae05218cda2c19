import { parseDecimalInteger } from './parse-decimal-integer.util';

describe(parseDecimalInteger.name, () => {
  it.each([
    ['0', 0],
    ['5', 5],
    ['100', 100],
    ['999999999999999', 999_999_999_999_999],
  ])('reads %j as %i', (raw, value) => expect(parseDecimalInteger(raw)).toBe(value));

  it.each([
    '0x10',
    '1e1',
    ' 5',
    '5 ',
    '+5',
    '-5',
    '-0',
    '05',
    '5.0',
    '1_000',
    '1,000',
    '',
    'Infinity',
    'NaN',
    '٣',
    '５',
    '9999999999999999',
  ])('refuses %j', (raw) => expect(parseDecimalInteger(raw)).toBeUndefined());

  it.each([[5], [['1', '2']], [undefined], [null], [{}]])('refuses a non-string %j', (raw) => {
    expect(parseDecimalInteger(raw)).toBeUndefined();
  });
});
