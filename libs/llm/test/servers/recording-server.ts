import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** Writes one response; `closed` resolves when the client goes away (abort, timeout). */
export type Reply = (
  res: ServerResponse,
  request: RecordedRequest,
  closed: Promise<void>,
) => void | Promise<void>;

/**
 * A local HTTP server on 127.0.0.1:0 that records every request and answers with scripted replies
 * in order, then with its fallback. The provider servers build on it.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: Reply[] = [];
  private readonly sockets = new Set<Socket>();

  private readonly server: Server;

  private constructor(private readonly fallback: Reply) {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(fallback: Reply): Promise<RecordingServer> {
    const recording = new RecordingServer(fallback);
    await new Promise<void>((resolve) => recording.server.listen(0, '127.0.0.1', resolve));
    return recording;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      this.requests.push(request);
      const closed = new Promise<void>((resolve) => res.on('close', resolve));
      const reply = this.script.shift() ?? this.fallback;
      void Promise.resolve(reply(res, request, closed)).catch(() => res.destroy());
    });
  }

  /** The server's root URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues replies for the next requests, in order. */
  queue(...replies: Reply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Forgets requests and queued replies between tests. */
  reset(): void {
    this.requests.length = 0;
    this.script.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Sends one server-sent event the way both APIs frame them. */
export function writeEvent(res: ServerResponse, data: unknown, event?: string): void {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  res.write(`${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`);
}

/** Starts an SSE response. */
export function startEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
}

/** Sends a JSON body. */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

// Unref'd: a reply still waiting when its test ends must not keep jest alive.
export const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());
