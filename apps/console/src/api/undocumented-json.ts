import { dataOf } from './gateway-client';

/**
 * The JSON of a route whose answer the gateway documents in prose only (the memory and skills
 * routes relay the services' answers: no schema, so the generated type is `never`). The caller
 * checks its shape (see memory-shapes, skills-shapes) instead of trusting a cast.
 */
export const undocumentedJson = (
  call: Promise<{ error?: unknown; response: Response }>,
): Promise<unknown> =>
  dataOf(call as Promise<{ data?: unknown; error?: unknown; response: Response }>);

/** `value` as a record of unknown fields, or an empty one. */
export const fieldsOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
export const numberOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
