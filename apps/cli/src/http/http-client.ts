import { type z } from 'zod';
import {
  ApiProblemError,
  GatewayUnreachableError,
  InterruptedError,
  UnexpectedResponseError,
} from '../errors/cli-errors';
import { problemOf } from '../errors/problem';
import { networkErrorCode } from './network-error-code.util';
import { parseJson } from '../util/parse-json.util';

export type Query = Readonly<Record<string, string | number | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly accept?: string;
  /** Omit the per-request timeout (the event stream stays open for as long as the project runs). */
  readonly noTimeout?: boolean;
  readonly signal?: AbortSignal;
}

export interface HttpClientOptions {
  readonly baseUrl: URL;
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  /** Ctrl-C: aborts whatever request is in flight. */
  readonly signal: AbortSignal;
}

/** fetch with the API's conventions: auth header, JSON bodies, problem+json errors, zod-checked answers. */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  /** A JSON answer, checked against `schema`. */
  async json<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const response = await this.send(method, path, { accept: 'application/json', ...options });
    const text = await this.read(response, path);
    const parsed = schema.safeParse(parseJson(text));
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    throw new UnexpectedResponseError(
      `unexpected answer to ${method} ${path}: ${issues.join('; ')}`,
      { cause: parsed.error },
    );
  }

  /** A text answer (e.g. markdown). */
  async text(path: string, accept: string, options: RequestOptions = {}): Promise<string> {
    return this.read(await this.send('GET', path, { ...options, accept }), path);
  }

  /** Sends a request; resolves once the status line and headers are in (the body may still stream). */
  async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = this.url(path, options.query);
    const signals = [this.options.signal, options.signal];
    if (options.noTimeout !== true) signals.push(AbortSignal.timeout(this.options.timeoutMs));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: this.headers(options),
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.any(signals.filter((signal) => signal !== undefined)),
      });
    } catch (error) {
      throw this.failure(error, url);
    }
    if (!response.ok) {
      const body = await this.read(response, path);
      throw new ApiProblemError(problemOf(response.status, body), method, path);
    }
    return response;
  }

  private async read(response: Response, path: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw this.failure(error, this.url(path));
    }
  }

  private headers(options: RequestOptions): Record<string, string> {
    const { apiKey } = this.options;
    return {
      accept: options.accept ?? 'application/json',
      ...(apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
  }

  private failure(error: unknown, url: URL): Error {
    if (this.options.signal.aborted) return new InterruptedError();
    const name = (error as { name?: unknown } | null)?.name;
    const code = name === 'TimeoutError' ? 'TIMEOUT' : networkErrorCode(error);
    return new GatewayUnreachableError(url.origin, code, { cause: error });
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(this.options.baseUrl);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }
}
