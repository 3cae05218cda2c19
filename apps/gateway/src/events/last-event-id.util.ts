import { RequestValidationError } from '../http/problem/problem.errors';
import { parseDecimalInteger } from '../http/validation/parse-decimal-integer.util';

/**
 * Where a stream resumes: the `Last-Event-ID` header (what EventSource sends on reconnect), else
 * the `lastEventId` query parameter, else the beginning (also when empty, as EventSource resets
 * it). 400 when it is not an event id in plain decimal (Node already trims the header's spaces).
 */
export function resumeAfter(header: string | undefined, query: string | undefined): number {
  const [path, value] =
    header !== undefined ? ['header Last-Event-ID', header] : ['lastEventId', query];
  if (value === undefined || value === '') return 0;
  const seq = parseDecimalInteger(value);
  if (seq === undefined) {
    throw new RequestValidationError([
      { path, message: 'must be the id of an event of this stream' },
    ]);
  }
  return seq;
}
