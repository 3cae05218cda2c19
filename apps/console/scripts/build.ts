// Builds the console into dist/apps/console: one minified ES module and one stylesheet with content
// hashes in their names (the gateway caches them for a year) and an index.html naming them.
// esbuild alone: the gateway serves the files, so a dev server and plugin pipeline would be weight.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const OUT = join(ROOT, 'dist/apps/console');

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: [join(__dirname, '../src/main.tsx')],
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    outdir: join(OUT, 'assets'),
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const script = outputs.find((file) => file.endsWith('.js'));
  const style = outputs.find((file) => file.endsWith('.css'));
  if (script === undefined || style === undefined) {
    throw new Error(`unexpected outputs: ${outputs}`);
  }
  writeFileSync(join(OUT, 'index.html'), page(script, style));
  process.stdout.write(`console built into ${OUT}: assets/${script}, assets/${style}\n`);
}

const page = (script: string, style: string): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Agent Bus console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="assets/${style}" />
    <script type="module" src="assets/${script}"></script>
  </head>
  <body>
    <div id="app"><p class="boot">Loading the Agent Bus console…</p></div>
    <noscript>The Agent Bus console needs JavaScript. The CLI (agent-bus) works without it.</noscript>
  </body>
</html>
`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
