import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblemError } from './problem/problem.errors';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * `verify` hook of the JSON body parser. The parser would decode bad bytes to U+FFFD and carry on,
 * so a body that is not valid UTF-8 is refused here, before parsing (400), as is any charset other
 * than UTF-8 (415). body-parser answers with the thrown error's `status`.
 */
export function assertUtf8Body(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
  encoding: string,
): void {
  if (!/^utf-?8$/i.test(encoding)) {
    throw new HttpProblemError(415, 'unsupported-charset', 'JSON bodies must be UTF-8.');
  }
  try {
    decoder.decode(body);
  } catch {
    throw new HttpProblemError(400, 'invalid-utf8', 'The request body is not valid UTF-8.');
  }
}
