import { createReadStream, statSync } from 'node:fs';
import { type HttpRequest, type HttpResponse } from '../http/express.types';
import { consoleFileOf, consoleRoot, contentTypeOf } from './console-files.util';

const NOT_BUILT =
  'The web console was not built. Build it with `npx nx run console:build` ' +
  '(it writes dist/apps/console), then reload this page.\n';

// The console only talks to this origin; agents' markdown is rendered, so no inline script.
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Answers GET and HEAD under `/console` from the console build found in `candidates` (the first
 * with an index.html, looked up per request so a later build needs no restart). Hashed assets
 * are cached for a year, `index.html` revalidated. A path outside the build or a missing file is a
 * 404 in plain text; without a build, a 404 that says how to build it.
 */
export const consoleHandler =
  (candidates: readonly string[]) =>
  (request: HttpRequest, response: HttpResponse, next: () => void): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = new URL(request.originalUrl, 'http://x').pathname;
    const root = consoleRoot(candidates);
    if (root === undefined) return text(response, 404, NOT_BUILT);
    // `/console` without a slash: the relative asset URLs in index.html need the trailing one.
    if (path === '/console') return void response.status(308).location('/console/').end();
    const file = consoleFileOf(root, path);
    const stats = file === undefined ? undefined : statOrUndefined(file);
    if (file === undefined || stats === undefined || !stats.isFile()) {
      return text(response, 404, `No console file at ${path}.\n`);
    }
    response.status(200).set({
      ...SECURITY_HEADERS,
      'content-type': contentTypeOf(file),
      'content-length': String(stats.size),
      'cache-control': file.endsWith('index.html')
        ? 'no-cache'
        : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  };

function text(response: HttpResponse, status: number, body: string): void {
  response.status(status).set({ ...SECURITY_HEADERS, 'cache-control': 'no-store' });
  response.type('text/plain; charset=utf-8').send(body);
}

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined; // gone between lookup and stat: a 404 like any missing file
  }
}
