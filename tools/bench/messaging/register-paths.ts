// `node -r @swc-node/register` does not apply tsconfig `paths`; map the @agentbus/* aliases from
// tsconfig.base.json onto Node's resolver before anything imports a library. Import this first.
import Module from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const root = join(__dirname, '../../..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const aliases = new Map(
  Object.entries(compilerOptions.paths).flatMap(([alias, [target]]) =>
    target ? [[alias, join(root, target)] as const] : [],
  ),
);

type Resolve = (request: string, ...rest: unknown[]) => string;
const resolver = Module as unknown as { _resolveFilename: Resolve };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return original.call(this, aliases.get(request) ?? request, ...rest);
};
