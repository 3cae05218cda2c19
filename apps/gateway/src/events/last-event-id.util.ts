import { RequestValidationError } from '../http/problem/problem.errors';

const SEQ = /^\d{1,15}$/;

/**
 * Where a stream resumes: the `Last-Event-ID` header (what EventSource sends on reconnect), else
 * the `lastEventId` query parameter, else the beginning. 400 when it is not an event id.
 */
export function resumeAfter(header: string | undefined, query: string | undefined): number {
  const [path, value] =
    header !== undefined ? ['header Last-Event-ID', header] : ['lastEventId', query];
  if (value === undefined || value.trim() === '') return 0;
  if (!SEQ.test(value.trim())) {
    throw new RequestValidationError([
      { path, message: 'must be the id of an event of this stream' },
    ]);
  }
  return Number(value.trim());
}
