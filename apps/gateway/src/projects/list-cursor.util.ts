import { z } from 'zod';
import { RequestValidationError } from '../http/problem/problem.errors';

/** Position after the last row of a page: its `created_at` (microseconds, UTC) and id. */
export interface ListCursor {
  readonly createdAt: string;
  readonly id: string;
}

const Position = z.tuple([z.iso.datetime({ precision: 6 }), z.uuid()]);

/** The opaque `cursor` a client passes back: base64url of the position. */
export const encodeCursor = (cursor: ListCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

/** Reads a cursor made by {@link encodeCursor}; 400 for anything else. */
export function decodeCursor(encoded: string): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = Position.safeParse(parsed);
  if (!result.success) {
    throw new RequestValidationError([
      {
        path: 'cursor',
        message: 'is not a cursor from this API (pass nextCursor as it was given)',
      },
    ]);
  }
  const [createdAt, id] = result.data;
  return { createdAt, id };
}
