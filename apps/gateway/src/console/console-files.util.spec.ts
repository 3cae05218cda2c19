import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleFileOf, consoleRoot, contentTypeOf } from './console-files.util';

describe(consoleFileOf.name, () => {
  const root = '/srv/console';

  it.each([
    ['/console/', '/srv/console/index.html'],
    ['/console/assets/main-AB12.js', '/srv/console/assets/main-AB12.js'],
    ['/console/a%20b.css', '/srv/console/a b.css'],
  ])('maps %s to %s', (path, file) => {
    expect(consoleFileOf(root, path)).toBe(file);
  });

  it.each([
    '/console/../config.ts',
    '/console/%2e%2e/%2e%2e/etc/passwd',
    '/console/a%00b',
    '/console/%E0%A4%A',
  ])('names no file for %s (outside the build or malformed)', (path) => {
    expect(consoleFileOf(root, path)).toBeUndefined();
  });
});

describe(contentTypeOf.name, () => {
  it('types scripts, styles and pages, and serves unknown kinds as bytes', () => {
    expect(contentTypeOf('a/main.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a/main.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('x.exe')).toBe('application/octet-stream');
  });
});

describe(consoleRoot.name, () => {
  it('picks the first folder that holds an index.html', () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
    const built = mkdtempSync(join(tmpdir(), 'console-built-'));
    mkdirSync(join(built, 'assets'));
    writeFileSync(join(built, 'index.html'), '<!doctype html>');
    expect(consoleRoot([empty, built])).toBe(built);
    expect(consoleRoot([empty])).toBeUndefined();
  });
});
