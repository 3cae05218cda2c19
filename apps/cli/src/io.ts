/** How long the CLI waits and how hard it retries; tests shrink these. */
export interface Timing {
  /** Delay before the first reconnect of a dropped event stream; doubles per failure. */
  readonly reconnectDelayMs: number;
  readonly maxReconnectDelayMs: number;
  /** Reconnects in a row without receiving an event before giving up. */
  readonly maxReconnects: number;
  /** A stream silent this long is treated as dropped (the gateway sends keep-alives every 15 s). */
  readonly idleTimeoutMs: number;
  /** Limit for one ordinary request (not the event stream). */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_TIMING: Timing = {
  reconnectDelayMs: 500,
  maxReconnectDelayMs: 10_000,
  maxReconnects: 8,
  idleTimeoutMs: 45_000,
  requestTimeoutMs: 30_000,
};

/** Everything a command touches outside itself, so tests run the CLI in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C: long commands stop and say how to resume. */
  readonly signal: AbortSignal;
  readonly timing: Timing;
}

/** Writes one line to a stream. */
export const writeLine = (stream: NodeJS.WritableStream, line = ''): void => {
  stream.write(`${line}\n`);
};
