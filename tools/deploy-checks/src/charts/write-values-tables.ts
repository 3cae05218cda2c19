// Rewrites the values reference in charts/README.md from the charts (between the values-tables
// markers), formatted by prettier:
//   SWC_NODE_PROJECT=tools/deploy-checks/tsconfig.json node -r @swc-node/register \
//     tools/deploy-checks/src/charts/write-values-tables.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { BEGIN, END, README, valuesTables } from './values-table';

async function main(): Promise<void> {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README}: ${BEGIN} ... ${END} not found`);
  const next = `${readme.slice(0, start + BEGIN.length)}\n\n${valuesTables()}\n\n${readme.slice(end)}`;
  const options = (await resolveConfig(README)) ?? {};
  writeFileSync(README, await format(next, { ...options, filepath: README }));
}

void main();
