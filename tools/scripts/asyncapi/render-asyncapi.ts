import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';
import { asyncApiDocument } from './asyncapi-document';

const ROOT = join(__dirname, '../../..');

/** Where the generated document is committed. */
export const ASYNCAPI_PATH = join(ROOT, 'docs/asyncapi.yaml');

const HEADER = `# Generated from libs/contracts by tools/scripts/asyncapi.ts; do not edit.
# Regenerate with \`npx nx run contracts:docs\`; CI fails when this file is stale (contracts:docs:check).
`;

/** The AsyncAPI document as committed: YAML, formatted like the rest of the repository. */
export async function renderAsyncApi(): Promise<string> {
  const { version } = JSON.parse(
    readFileSync(join(ROOT, 'libs/contracts/package.json'), 'utf8'),
  ) as { version: string };
  const yaml = stringify(asyncApiDocument(version), {
    aliasDuplicateObjects: false,
    lineWidth: 0,
  });
  return format(`${HEADER}${yaml}`, {
    ...(await resolveConfig(ASYNCAPI_PATH)),
    filepath: ASYNCAPI_PATH,
  });
}
