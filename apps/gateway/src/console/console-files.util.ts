import { existsSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a `/console…` path names inside `root`, or undefined for a path that leaves it. */
export function consoleFileOf(root: string, urlPath: string): string | undefined {
  const rest = urlPath.replace(/^\/console\/?/, '').split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return undefined; // a malformed escape names no file
  }
  if (decoded.includes('\0')) return undefined;
  const relative = normalize(decoded === '' ? 'index.html' : decoded);
  if (relative.startsWith('..') || relative.startsWith(sep)) return undefined;
  return join(root, relative);
}

/** The Content-Type of a console file; unknown kinds are served as bytes, never sniffed. */
export const contentTypeOf = (file: string): string =>
  TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Where the built console lives: beside the built gateway (`dist/apps/console` next to
 * `dist/apps/gateway/main.js`), else under the working directory (the gateway run from source).
 * Looked up per request, so a console built after the gateway started is served without a restart.
 */
export function consoleRoot(candidates: readonly string[]): string | undefined {
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
