// Builds the console into dist/apps/console: a minified ES module entry, the chunks it loads lazily
// (mermaid: only for an artifact with a diagram), one stylesheet, all with content hashes in their
// names (the gateway caches them for a year), and an index.html naming the entry, the chunks it
// imports statically (modulepreload: fetched at once, and counted by bench:console) and the style.
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
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    outdir: join(OUT, 'assets'),
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  // A lazily imported module is an entry point too (its own chunk): pick the console's.
  const entry = outputs.find(([, output]) => output.entryPoint?.endsWith('src/main.tsx'));
  const style = outputs.find(([file]) => file.endsWith('.css'))?.[0];
  if (entry === undefined || style === undefined) {
    throw new Error(`unexpected outputs: ${outputs.map(([file]) => file)}`);
  }
  const preloads = entry[1].imports
    .filter((imported) => imported.kind === 'import-statement')
    .map((imported) => basename(imported.path));
  const script = basename(entry[0]);
  writeFileSync(join(OUT, 'index.html'), page(script, preloads, basename(style)));
  const lazy = outputs.filter(([file]) => file.endsWith('.js')).length - 1 - preloads.length;
  process.stdout.write(
    `console built into ${OUT}: assets/${script} (+${preloads.length} preloaded, ${lazy} lazy chunks), assets/${basename(style)}\n`,
  );
}

const page = (
  script: string,
  preloads: readonly string[],
  style: string,
): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Agent Bus console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="assets/${style}" />
    <script type="module" src="assets/${script}"></script>
${preloads.map((chunk) => `    <link rel="modulepreload" href="assets/${chunk}" />\n`).join('')}
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
