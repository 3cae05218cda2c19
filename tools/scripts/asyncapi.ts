// Writes docs/asyncapi.yaml from libs/contracts; `--check` fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { ASYNCAPI_PATH, renderAsyncApi } from './asyncapi/render-asyncapi';

async function main(): Promise<void> {
  const next = await renderAsyncApi();
  if (!process.argv.includes('--check')) {
    writeFileSync(ASYNCAPI_PATH, next);
    return;
  }
  let current = '';
  try {
    current = readFileSync(ASYNCAPI_PATH, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (current !== next) {
    console.error('docs/asyncapi.yaml is stale: run `npx nx run contracts:docs`');
    process.exit(1);
  }
}

void main();
