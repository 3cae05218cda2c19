import { PatternType } from '@agentbus/contracts';
import { type Command, InvalidArgumentError } from 'commander';
import { type MemoryHit, type MemoryStats } from '../api/memory-api';
import { formatTime } from '../output/format';
import { formatTable } from '../output/table';
import { type CommandContext, type CommandDeps } from './command-context';
import { positiveInt } from './option-parsers';

// Widened to strings so a user's typed value can be looked up before it is known to be one.
const TYPES: readonly string[] = PatternType.options;
const PREVIEW = 70;

/** commander parser for `--type prd,qa` (repeatable); unknown types are refused before asking. */
function patternTypes(value: string, previous: string[] = []): string[] {
  const types = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = types.filter((type) => !TYPES.includes(type));
  if (types.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected pattern types among ${TYPES.join(', ')}.`);
  }
  return [...previous, ...types];
}

/** commander parser for a similarity from 0 to 1. */
function similarity(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  }
  return number;
}

/** The first line of a pattern's text, cut to fit a table cell. */
export const previewOf = (text: string): string => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > PREVIEW ? `${line.slice(0, PREVIEW - 1)}…` : line;
};

const counts = (record: Readonly<Record<string, number>>): string =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

/** `memory search|templates|stats`: what agents find in memory, the templates, and its figures. */
export function registerMemory(program: Command, deps: CommandDeps): void {
  const memory = program
    .command('memory')
    .description('patterns agents find in memory, project templates, and memory figures');
  memory
    .command('search')
    .description('stored patterns similar to a text, best first')
    .argument('<text...>', 'what to look for')
    .option('--type <types>', `pattern types, comma-separated (${TYPES.join(', ')})`, patternTypes)
    .option('--k <n>', 'hits wanted (1-50, default 5)', positiveInt)
    .option('--min-score <s>', 'least similarity of a hit, 0-1', similarity)
    .option('--json', 'the hits as one JSON array')
    .action(
      async (
        words: string[],
        options: { type?: string[]; k?: number; minScore?: number; json?: boolean },
      ) => {
        const ctx = deps.context();
        const hits = await ctx.memory.search({
          text: words.join(' '),
          types: options.type,
          k: options.k,
          minScore: options.minScore,
        });
        if (options.json === true) return ctx.out(JSON.stringify(hits));
        printHits(ctx, hits);
      },
    );
  memory
    .command('templates')
    .description('project templates memory holds (a project may start from one: its templateId)')
    .option('--json', 'the templates as one JSON array')
    .action(async (options: { readonly json?: boolean }) => {
      const ctx = deps.context();
      const templates = await ctx.memory.templates();
      if (options.json === true) return ctx.out(JSON.stringify(templates));
      if (templates.length === 0) return ctx.out('no templates in memory');
      const rows = templates.map((t) => [
        t.id,
        t.name,
        String(t.retrievedCount),
        t.successScore.toFixed(2),
      ]);
      for (const line of formatTable(['ID', 'NAME', 'USED', 'SUCCESS'], rows)) ctx.out(line);
    });
  memory
    .command('stats')
    .description('patterns by type and source, their use and success, and what retention did')
    .option('--json', 'the figures as JSON')
    .action(async (options: { readonly json?: boolean }) => {
      const ctx = deps.context();
      const stats = await ctx.memory.stats();
      if (options.json === true) return ctx.out(JSON.stringify(stats));
      printStats(ctx, stats);
    });
}

function printHits(ctx: CommandContext, hits: readonly MemoryHit[]): void {
  if (hits.length === 0) {
    ctx.out('no similar patterns (try fewer words, another --type or a lower --min-score)');
    return;
  }
  const rows = hits.map((hit) => [hit.score.toFixed(2), hit.type, hit.id, previewOf(hit.text)]);
  for (const line of formatTable(['SCORE', 'TYPE', 'ID', 'TEXT'], rows)) ctx.out(line);
}

function printStats(ctx: CommandContext, stats: MemoryStats): void {
  ctx.out(
    `${stats.patterns} patterns (${counts(stats.bySource)}); ${stats.unindexed} not indexed yet`,
  );
  const rows = stats.byType.map((t) => [
    t.type,
    String(t.patterns),
    String(t.used),
    String(t.retrieved),
    `${t.successes}/${t.failures}`,
    t.meanSuccessScore.toFixed(2),
  ]);
  for (const line of formatTable(
    ['TYPE', 'PATTERNS', 'USED', 'RETRIEVED', 'WON/LOST', 'SUCCESS'],
    rows,
  )) {
    ctx.out(line);
  }
  const { retention } = stats;
  ctx.out(
    `retention: ${retention.runs} runs, removed ${counts(retention.removed)}; ${retention.archived} archived in all`,
  );
  ctx.out(
    retention.lastRun === null
      ? '  no run yet'
      : `  last run ${formatTime(retention.lastRun.ranAt)}: removed ${counts(retention.lastRun.removed)}; kept ${counts(retention.lastRun.kept)}`,
  );
}
