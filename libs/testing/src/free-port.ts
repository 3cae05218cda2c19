import { createServer } from 'node:net';

// Ports this process already handed out: the OS may offer a just-closed port again, and a test
// that asks twice before binding the first (a NATS port, then the service's HTTP port) must not
// get the same one twice.
const handedOut = new Set<number>();

const osPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('freePort: no port assigned'))));
    });
  });

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it) and that this process has
 * not handed out before, for a server under test.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await osPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: the OS kept offering ports this process already handed out');
}
