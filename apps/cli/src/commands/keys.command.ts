import { type Command, Option } from 'commander';
import {
  type ApiKeyCreated,
  type ApiKeySummary,
  type KeyExpiryRequest,
} from '../api/api-key.schemas';
import { formatTime } from '../output/format';
import { formatTable } from '../output/table';
import { parseDuration } from '../util/parse-duration.util';
import { type CommandContext, type CommandDeps } from './command-context';

/** The gateway's key roles, weakest first. */
const KEY_ROLES = ['viewer', 'requester', 'approver', 'admin'] as const;
const USABLE = new Set(['active', 'grace']);

interface ExpiryOptions {
  readonly ttl?: number;
  readonly expiresAt?: string;
  readonly json?: boolean;
}

/** `keys list|create|revoke|rotate`: the API key lifecycle (an admin key is needed). */
export function registerKeys(program: Command, deps: CommandDeps): void {
  const keys = program
    .command('keys')
    .description('list, create, revoke and rotate API keys (needs an admin key)');
  registerList(keys, deps);
  registerCreate(keys, deps);
  registerRevoke(keys, deps);
  registerRotate(keys, deps);
}

function registerList(keys: Command, deps: CommandDeps): void {
  keys
    .command('list')
    .description('keys that work now (active, or rotated and in their grace period); no secrets')
    .option('--all', 'also revoked, expired and rotated keys')
    .option('--json', 'the keys as one JSON array')
    .action(async (options: { readonly all?: boolean; readonly json?: boolean }) => {
      const ctx = deps.context();
      const all = options.all === true;
      const items = (await ctx.api.apiKeys()).filter((key) => all || USABLE.has(key.state));
      if (options.json === true) {
        ctx.out(JSON.stringify(items));
      } else if (items.length === 0) {
        ctx.out(`no ${all ? '' : 'usable '}API keys`);
        ctx.out(`  create one:  ${ctx.command('keys create <name> --role requester')}`);
      } else {
        printKeys(ctx, items);
      }
    });
}

function registerCreate(keys: Command, deps: CommandDeps): void {
  withExpiry(
    keys
      .command('create')
      .description('create a key; its secret is printed this once')
      .argument('<name>', 'recorded as submittedBy / decidedBy; unique among current keys')
      .addOption(
        new Option('--role <role>', 'what the key may do').choices(KEY_ROLES).makeOptionMandatory(),
      ),
  ).action(async (name: string, options: ExpiryOptions & { readonly role: string }) => {
    const ctx = deps.context();
    const created = await ctx.api.createApiKey(name, options.role, expiryOf(options));
    printSecret(ctx, created, options, `created API key "${name}" (${created.role})`);
  });
}

function registerRevoke(keys: Command, deps: CommandDeps): void {
  keys
    .command('revoke')
    .description('revoke a key: every gateway refuses it within a second')
    .argument('<id>', 'key id (from `keys list`)')
    .action(async (id: string) => {
      const ctx = deps.context();
      const key = await ctx.api.revokeApiKey(id);
      ctx.out(`API key "${key.name}" (${key.id}) revoked at ${timeOf(key.revokedAt)}`);
      ctx.out(`  see every key:  ${ctx.command('keys list --all')}`);
    });
}

function registerRotate(keys: Command, deps: CommandDeps): void {
  withExpiry(
    keys
      .command('rotate')
      .description('replace a key by a new secret; the old one keeps working for a grace period')
      .argument('<id>', 'key id (from `keys list`)')
      .option(
        '--grace <duration>',
        'how long the old key keeps working, e.g. 12h or 0 (gateway default: 24h)',
        parseDuration,
      )
      .addHelpText(
        'after',
        '\nWithout --ttl or --expires-at the new key lives as long as the old one was made to.',
      ),
  ).action(async (id: string, options: ExpiryOptions & { readonly grace?: number }) => {
    const ctx = deps.context();
    const grace = options.grace === undefined ? {} : { graceSeconds: options.grace };
    const rotated = await ctx.api.rotateApiKey(id, { ...grace, ...expiryOf(options) });
    const { id: oldId, graceUntil } = rotated.replaces;
    printSecret(ctx, rotated, options, `rotated API key "${rotated.name}"`, [
      `the old key (${oldId}) works until ${timeOf(graceUntil)} UTC: move its users to the new one`,
    ]);
  });
}

function withExpiry(command: Command): Command {
  return command
    .addOption(
      new Option('--ttl <duration>', 'the key stops working after this long: 90d, 12h, 30m')
        .argParser(parseDuration)
        .conflicts('expiresAt'),
    )
    .option('--expires-at <time>', 'the key stops working then (ISO 8601, e.g. 2027-01-31T00:00Z)')
    .option('--json', 'the answer as JSON (with the secret)');
}

function expiryOf(options: ExpiryOptions): KeyExpiryRequest {
  return {
    ...(options.ttl === undefined ? {} : { ttlSeconds: options.ttl }),
    ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
  };
}

const timeOf = (iso: string | null | undefined): string =>
  iso === null || iso === undefined ? '-' : formatTime(iso);

function printKeys(ctx: CommandContext, items: readonly ApiKeySummary[]): void {
  const header = ['ID', 'NAME', 'ROLE', 'STATE', 'FINGERPRINT', 'CREATED', 'EXPIRES', 'LAST USED'];
  const rows = items.map((key) => [
    key.id,
    key.name,
    key.role,
    key.state === 'grace' ? `grace until ${timeOf(key.graceUntil)}` : key.state,
    key.fingerprint,
    timeOf(key.createdAt),
    timeOf(key.expiresAt),
    timeOf(key.lastUsedAt),
  ]);
  formatTable(header, rows).forEach((line) => ctx.out(line));
}

function printSecret(
  ctx: CommandContext,
  created: ApiKeyCreated,
  options: ExpiryOptions,
  summary: string,
  notes: readonly string[] = [],
): void {
  if (options.json === true) {
    ctx.out(JSON.stringify(created));
    return;
  }
  const { expiresAt } = created;
  const expires =
    expiresAt === null || expiresAt === undefined
      ? 'never expires'
      : `expires ${timeOf(expiresAt)} UTC`;
  ctx.out(`${summary}, id ${created.id}, fingerprint ${created.fingerprint}, ${expires}`);
  ctx.out(`key: ${created.key}`);
  ctx.out('  store it now: it cannot be shown again (the gateway keeps only its SHA-256)');
  notes.forEach((note) => ctx.out(`  ${note}`));
}
