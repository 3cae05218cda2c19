import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type ApiKeyCreated,
  type ApiKeySummary,
  type KeyExpiryRequest,
  type KeyLimits,
  type KeyLimitsRequest,
} from '../api/api-key.schemas';
import { UsageError } from '../errors/cli-errors';
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

/** `--rate`, `--burst`, `--projects-in-flight`: a number, or the gateway's default. */
type LimitValue = number | 'default';
interface LimitOptions {
  readonly rate?: LimitValue;
  readonly burst?: LimitValue;
  readonly projectsInFlight?: LimitValue;
}

/** `keys list|create|revoke|rotate|limits`: the API key lifecycle (an admin key is needed). */
export function registerKeys(program: Command, deps: CommandDeps): void {
  const keys = program
    .command('keys')
    .description(
      'list, create, revoke and rotate API keys and set their limits (needs an admin key)',
    );
  registerList(keys, deps);
  registerCreate(keys, deps);
  registerRevoke(keys, deps);
  registerRotate(keys, deps);
  registerLimits(keys, deps);
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
  withLimits(
    withExpiry(
      keys
        .command('create')
        .description('create a key; its secret is printed this once')
        .argument('<name>', 'recorded as submittedBy / decidedBy; unique among current keys')
        .addOption(
          new Option('--role <role>', 'what the key may do')
            .choices(KEY_ROLES)
            .makeOptionMandatory(),
        )
        .option(
          '--workspace <slug>',
          'a workspace the key acts in (repeatable; "*": all, operator only); default: your own',
          (value: string, earlier: string[] = []) => [...earlier, value],
        ),
    ),
  ).action(
    async (
      name: string,
      options: ExpiryOptions &
        LimitOptions & { readonly role: string; readonly workspace?: string[] },
    ) => {
      const ctx = deps.context();
      const limits = limitsOf(options);
      const created = await ctx.api.createApiKey(
        name,
        options.role,
        expiryOf(options),
        limits,
        options.workspace,
      );
      printSecret(ctx, created, options, `created API key "${name}" (${created.role})`);
    },
  );
}

function registerLimits(keys: Command, deps: CommandDeps): void {
  withLimits(
    keys
      .command('limits')
      .description("set a key's request rate and projects in flight; applies at once everywhere")
      .argument('<id>', 'key id (from `keys list`)')
      .option('--json', 'the key as JSON')
      .addHelpText(
        'after',
        '\nOptions left out keep their value; "default" returns one to the gateway\'s default.',
      ),
  ).action(async (id: string, options: LimitOptions & { readonly json?: boolean }) => {
    const ctx = deps.context();
    const limits = limitsOf(options);
    if (Object.keys(limits).length === 0) {
      throw new UsageError(
        'nothing to set',
        'give --rate, --burst or --projects-in-flight (a number, or "default")',
      );
    }
    const key = await ctx.api.setApiKeyLimits(id, limits);
    if (options.json === true) {
      ctx.out(JSON.stringify(key));
      return;
    }
    ctx.out(`API key "${key.name}" (${key.id}): ${limitsText(key.limits, key.limitOverrides)}`);
    ctx.out('  * set on the key; the others are the gateway defaults');
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

function withLimits(command: Command): Command {
  return command
    .option('--rate <n>', 'API requests per minute (0: no limit, or "default")', limitValue)
    .option(
      '--burst <n>',
      'requests allowed at once after a quiet spell (or "default")',
      limitValue,
    )
    .option(
      '--projects-in-flight <n>',
      'unfinished projects before submissions are refused (0: no limit, or "default")',
      limitValue,
    );
}

/** commander parser: a whole number, or `default` (commander would turn a null into ''). */
function limitValue(value: string): LimitValue {
  if (value.trim() === 'default') return 'default';
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number)) {
    throw new InvalidArgumentError('expected a whole number (0: no limit) or "default".');
  }
  return number;
}

// null in the request returns a limit to the gateway's default.
const sent = (value: LimitValue): number | null => (value === 'default' ? null : value);

function limitsOf(options: LimitOptions): KeyLimitsRequest {
  const { rate, burst, projectsInFlight } = options;
  return {
    ...(rate === undefined ? {} : { requestsPerMinute: sent(rate) }),
    ...(burst === undefined ? {} : { burst: sent(burst) }),
    ...(projectsInFlight === undefined ? {} : { projectsInFlight: sent(projectsInFlight) }),
  };
}

/** `600/min burst 100, 50 in flight`; `*` marks what the key sets itself. */
function limitsText(
  limits: KeyLimits | null | undefined,
  own: KeyLimits | null | undefined,
): string {
  if (limits === null || limits === undefined) return '-';
  const mark = (field: keyof KeyLimits) =>
    own?.[field] === null || own?.[field] === undefined ? '' : '*';
  const rate =
    limits.requestsPerMinute === 0
      ? `no rate limit${mark('requestsPerMinute')}`
      : `${limits.requestsPerMinute}/min${mark('requestsPerMinute')} burst ${limits.burst}${mark('burst')}`;
  const projects =
    limits.projectsInFlight === 0
      ? `any in flight${mark('projectsInFlight')}`
      : `${limits.projectsInFlight} in flight${mark('projectsInFlight')}`;
  return `${rate}, ${projects}`;
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
  const header = [
    'ID',
    'NAME',
    'ROLE',
    'STATE',
    'FINGERPRINT',
    'CREATED',
    'EXPIRES',
    'LAST USED',
    'LIMITS',
  ];
  const rows = items.map((key) => [
    key.id,
    key.name,
    key.role,
    key.state === 'grace' ? `grace until ${timeOf(key.graceUntil)}` : key.state,
    key.fingerprint,
    timeOf(key.createdAt),
    timeOf(key.expiresAt),
    timeOf(key.lastUsedAt),
    limitsText(key.limits, key.limitOverrides),
  ]);
  formatTable(header, rows).forEach((line) => ctx.out(line));
  if (items.some((key) => Object.values(key.limitOverrides ?? {}).some((v) => v !== null))) {
    ctx.out('* set on the key; the other limits are the gateway defaults');
  }
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
  if (Object.values(created.limitOverrides ?? {}).some((value) => value !== null)) {
    ctx.out(`  limits: ${limitsText(created.limits, created.limitOverrides)} (* set on the key)`);
  }
  notes.forEach((note) => ctx.out(`  ${note}`));
}
