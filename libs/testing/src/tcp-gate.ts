import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A TCP port in front of a real server that a test opens and cuts; see {@link tcpGate}. */
export interface TcpGate {
  readonly port: number;
  /** Listens and forwards every connection to the target. */
  open(): Promise<void>;
  /** Stops listening (connects are refused) and resets every forwarded connection. */
  cut(): Promise<void>;
}

/**
 * A gate on 127.0.0.1:`port` to `target` (`host:port`), closed at first: stands in for a server
 * that is down (connection refused) without stopping the shared one.
 */
export function tcpGate(port: number, target: { host: string; port: number }): TcpGate {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const forward = (client: Socket): void => {
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  };
  return {
    port,
    open: () =>
      new Promise((resolve, reject) => {
        if (server !== undefined) return resolve();
        const listening = createServer(forward);
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => {
          server = listening;
          resolve();
        });
      }),
    cut: () =>
      new Promise((resolve) => {
        const closing = server;
        server = undefined;
        for (const socket of sockets) socket.resetAndDestroy();
        if (closing === undefined) return resolve();
        closing.close(() => resolve());
      }),
  };
}
