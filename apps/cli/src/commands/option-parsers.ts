import { InvalidArgumentError } from 'commander';

/** commander parser for a whole number above zero. */
export function positiveInt(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number <= 0) {
    throw new InvalidArgumentError('expected a whole number above 0.');
  }
  return number;
}

/** commander parser for a number above zero (e.g. dollars). */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a number above 0.');
  }
  return number;
}
