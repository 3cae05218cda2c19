import { type GenerationContext } from './generation-context';
import { numberFits } from './json-schema-check';
import { type JsonSchemaObject } from './json-schema';

/**
 * A number within the schema's bounds (both drafts' exclusive forms) and `multipleOf`, kept small
 * and readable: between 1 and 10 when the bounds allow it, a fraction inside narrow ranges.
 */
export function generateNumber(
  schema: JsonSchemaObject,
  integer: boolean,
  ctx: GenerationContext,
): number {
  const { lo, hi } = boundsOf(schema, integer);
  const step =
    schema.multipleOf !== undefined && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const candidates: number[] = [];
  if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 10 && !integer) {
    candidates.push(round(lo + (hi - lo) * (0.25 + 0.5 * ctx.random.next()), 2));
  } else {
    const windowLo = clamp(1, lo, hi);
    const windowHi = clamp(windowLo + 9, lo, hi);
    candidates.push(ctx.random.int(Math.ceil(windowLo), Math.floor(Math.max(windowLo, windowHi))));
  }
  candidates.push(lo, hi, (lo + hi) / 2, 0);
  for (const raw of candidates) {
    if (!Number.isFinite(raw)) continue;
    const value = step === undefined ? raw : snap(raw, step);
    if ((!integer || Number.isInteger(value)) && numberFits(value, schema)) return value;
    if (step !== undefined) {
      for (const nudged of [value + step, value - step].map((v) => snap(v, step))) {
        if ((!integer || Number.isInteger(nudged)) && numberFits(nudged, schema)) return nudged;
      }
    }
  }
  return integer ? Math.ceil(Number.isFinite(lo) ? lo : 0) : Number.isFinite(lo) ? lo : 0;
}

/** The closed range a value must fall in; exclusive bounds are moved inwards. */
function boundsOf(schema: JsonSchemaObject, integer: boolean): { lo: number; hi: number } {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  let [lo, hi, loOpen, hiOpen] = [-Infinity, Infinity, false, false];
  if (minimum !== undefined) [lo, loOpen] = [minimum, exclusiveMinimum === true];
  if (maximum !== undefined) [hi, hiOpen] = [maximum, exclusiveMaximum === true];
  if (typeof exclusiveMinimum === 'number' && exclusiveMinimum >= lo) {
    [lo, loOpen] = [exclusiveMinimum, true];
  }
  if (typeof exclusiveMaximum === 'number' && exclusiveMaximum <= hi) {
    [hi, hiOpen] = [exclusiveMaximum, true];
  }
  if (integer) {
    return {
      lo: loOpen ? Math.floor(lo) + 1 : Math.ceil(lo),
      hi: hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi),
    };
  }
  // Narrow open ranges (0 < x < 0.01) need a smaller step than a hundredth.
  const nudge = Number.isFinite(hi - lo) ? Math.min(0.01, (hi - lo) / 4) : 0.01;
  return { lo: loOpen ? lo + nudge : lo, hi: hiOpen ? hi - nudge : hi };
}

const clamp = (value: number, lo: number, hi: number): number => Math.min(Math.max(value, lo), hi);

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** The multiple of `step` nearest to `value`, without binary-fraction noise (0.1 * 3). */
function snap(value: number, step: number): number {
  const decimals = (String(step).split('.')[1] ?? '').length;
  return round(Math.round(value / step) * step, Math.min(decimals + 2, 15));
}
