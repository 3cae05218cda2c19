import type { IncomingMessage, ServerResponse } from 'node:http';

// The express methods the gateway uses (@types/express is not installed; express adds these to
// node's request and response objects).

/** An express request. */
export interface HttpRequest extends IncomingMessage {
  readonly originalUrl: string;
  readonly path: string;
  /** The parsed JSON body, once the body parser has run. */
  readonly body?: unknown;
  /** The parsed query string (express's simple parser: strings and arrays of strings). */
  readonly query?: unknown;
  /** The matched route's path parameters. */
  readonly params?: Readonly<Record<string, string>>;
  /** The matched route (its pattern, e.g. `/v1/projects/:id`), set before the handlers run. */
  readonly route?: { readonly path?: unknown };
  accepts(...types: string[]): string | false;
  is(types: string[]): string | false | null;
}

/** An express response. */
export interface HttpResponse extends ServerResponse {
  status(code: number): this;
  set(headers: Readonly<Record<string, string>>): this;
  type(contentType: string): this;
  send(body: string): this;
  location(url: string): this;
  vary(field: string): this;
}
