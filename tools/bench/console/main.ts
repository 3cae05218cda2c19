// Console bench: the first view's JS and CSS bytes (raw and gzipped) and its first-load time in
// Debian's chromium, from a cold cache, served the way the gateway serves it (uncompressed, from
// a local HTTP server). Needs a built console (`npx nx run console:build`).
//
//   npm run bench:console -- [--runs 5]
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const DIST = join(__dirname, '../../../dist/apps/console');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const TARGET_GZIP_JS = 300 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

interface Asset {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

/** The scripts and stylesheets index.html loads: everything the first view needs. */
function firstViewAssets(): Asset[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] ?? '',
  );
  return files.map((file) => {
    const bytes = readFileSync(join(DIST, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/console\/?/, '');
    const file = normalize(path === '' ? 'index.html' : path);
    try {
      const body = readFileSync(join(DIST, file));
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg === -1 ? 5 : Number(process.argv[runsArg + 1]);
  const assets = firstViewAssets();
  console.log('first view assets (what index.html loads):');
  for (const asset of assets) {
    console.log(
      `  ${asset.file.padEnd(32)} raw ${kb(asset.raw).padStart(9)}  gzip ${kb(asset.gzip).padStart(9)}`,
    );
  }
  const sum = (kind: string, key: 'raw' | 'gzip') =>
    assets.filter((a) => a.file.endsWith(kind)).reduce((total, a) => total + a[key], 0);
  const jsGzip = sum('.js', 'gzip');
  console.log(
    `  JS  total raw ${kb(sum('.js', 'raw'))}, gzip ${kb(jsGzip)} (target < ${kb(TARGET_GZIP_JS)} gzip: ${jsGzip < TARGET_GZIP_JS ? 'met' : 'MISSED'})`,
  );
  console.log(`  CSS total raw ${kb(sum('.css', 'raw'))}, gzip ${kb(sum('.css', 'gzip'))}`);

  const server = await serve();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/console/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const interactive: number[] = [];
  const loaded: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext(); // a cold cache each run
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(url);
      await page.getByLabel('API key').waitFor();
      interactive.push(Date.now() - started);
      loaded.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return nav.loadEventEnd - nav.startTime;
        }),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`first load in chromium, ${runs} cold runs over loopback:`);
  console.log(
    `  sign-in form usable: median ${median(interactive)} ms (runs: ${interactive.join(', ')})`,
  );
  console.log(
    `  load event:          median ${median(loaded).toFixed(0)} ms (runs: ${loaded.map((v) => v.toFixed(0)).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
