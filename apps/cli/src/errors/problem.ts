import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { parseJson } from '../util/parse-json.util';

/** RFC 9457 problem details, as the gateway answers every error (only the fields we show). */
export const Problem = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

const SNIPPET = 200;

/**
 * The problem in an error response; a body that is not one (a proxy's HTML page, plain text) still
 * gives a usable problem from the status line and the start of the body.
 */
export function problemOf(status: number, body: string): Problem {
  const parsed = Problem.safeParse(parseJson(body));
  if (parsed.success) return { ...parsed.data, status };
  const text = body.trim().replace(/\s+/g, ' ').slice(0, SNIPPET);
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(text === '' ? {} : { detail: text }),
  };
}
