import { PROJECT_STATES, type ProjectState } from '@agentbus/contracts';
import { type Command, Option } from 'commander';
import { type ProjectSummary } from '../api/project.schemas';
import { formatTime } from '../output/format';
import { formatTable } from '../output/table';
import { type CommandContext, type CommandDeps } from './command-context';

interface ListOptions {
  readonly state?: ProjectState;
  readonly all?: boolean;
}

const PAGE = 20;
const FULL_PAGE = 100;

export function registerList(program: Command, deps: CommandDeps): void {
  program
    .command('list')
    .description('list projects, newest first')
    .addOption(new Option('--state <state>', 'only projects in this state').choices(PROJECT_STATES))
    .option('--all', 'every project (follows the pages), not just the newest 20')
    .action(async (options: ListOptions) => {
      const ctx = deps.context();
      const { items, more } = await fetchProjects(ctx, options);
      if (items.length === 0) {
        ctx.out(`no projects${options.state === undefined ? '' : ` in state ${options.state}`}`);
        ctx.out(`  submit one:  ${ctx.command('submit requirements.md --name "My product"')}`);
        return;
      }
      const rows = items.map((p) => [p.id, p.state, formatTime(p.createdAt), p.name]);
      formatTable(['ID', 'STATE', 'CREATED (UTC)', 'NAME'], rows).forEach((line) => ctx.out(line));
      if (more) {
        ctx.out(`(newest ${items.length} shown; all of them: ${ctx.command('list --all')})`);
      }
    });
}

async function fetchProjects(ctx: CommandContext, options: ListOptions) {
  const items: ProjectSummary[] = [];
  let cursor: string | undefined;
  do {
    const limit = options.all === true ? FULL_PAGE : PAGE;
    const page = await ctx.api.list({ state: options.state, cursor, limit });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (options.all === true && cursor !== undefined);
  return { items, more: cursor !== undefined };
}
