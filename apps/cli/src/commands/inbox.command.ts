import { type Command, Option } from 'commander';
import { INBOX_STATES, type InboxItem, type InboxState } from '../api/approval.schemas';
import { formatTime } from '../output/format';
import { formatTable } from '../output/table';
import { type CommandContext, type CommandDeps } from './command-context';

interface InboxOptions {
  readonly state: InboxState;
  readonly all?: boolean;
  readonly json?: boolean;
}

const PAGE = 20;
const FULL_PAGE = 100;

const readWhat = (item: InboxItem): string =>
  item.artifacts.map((a) => `${a.stage}${a.version === null ? '' : ` v${a.version}`}`).join(', ') ||
  '-';

export function registerInbox(program: Command, deps: CommandDeps): void {
  program
    .command('inbox')
    .description(
      "gates waiting for a reviewer across projects, newest first (the reviewers' inbox)",
    )
    .addOption(
      new Option('--state <state>', 'open, decided or superseded gates')
        .choices(INBOX_STATES)
        .default('open'),
    )
    .option('--all', 'every gate (follows the pages), not just the newest 20')
    .option('--json', 'the items as JSON')
    .action(async (options: InboxOptions) => {
      const ctx = deps.context();
      const { items, more } = await fetchInbox(ctx, options);
      if (options.json === true) return ctx.out(JSON.stringify(items, null, 2));
      if (items.length === 0) return ctx.out(`no ${options.state} gates`);
      const rows = items.map((item) => [
        item.projectId,
        item.gate,
        String(item.attempt),
        item.state,
        formatTime(item.openedAt),
        readWhat(item),
        item.projectName,
      ]);
      const head = ['PROJECT', 'GATE', 'TRY', 'STATE', 'OPENED (UTC)', 'READ', 'NAME'];
      formatTable(head, rows).forEach((line) => ctx.out(line));
      const open = items.find((item) => item.canAct);
      if (open !== undefined) {
        ctx.out(`decide:  ${ctx.command(`approve ${open.projectId} ${open.gate}`)}`);
      }
      if (more) {
        ctx.out(`(newest ${items.length} shown; all of them: ${ctx.command('inbox --all')})`);
      }
    });
}

async function fetchInbox(ctx: CommandContext, options: InboxOptions) {
  const items: InboxItem[] = [];
  let cursor: string | undefined;
  do {
    const limit = options.all === true ? FULL_PAGE : PAGE;
    const page = await ctx.api.inbox({ state: options.state, cursor, limit });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (options.all === true && cursor !== undefined);
  return { items, more: cursor !== undefined };
}
