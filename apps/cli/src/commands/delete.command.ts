import { setTimeout as sleep } from 'node:timers/promises';
import { type Command } from 'commander';
import { type ProjectDeletion } from '../api/project-deletion.schemas';
import { ExitCode } from '../exit-codes';
import { type CommandContext, type CommandDeps } from './command-context';

const POLL_MS = 1_000;

/** `deleting: gateway done (3 rows), master-orchestrator pending, …`. */
export const describeDeletion = (deletion: ProjectDeletion): string =>
  `${deletion.state}: ` +
  deletion.services
    .map((s) => `${s.service} ${s.done ? `done (${s.rows ?? 0} rows)` : 'pending'}`)
    .join(', ');

export function registerDelete(program: Command, deps: CommandDeps): void {
  program
    .command('delete')
    .description(
      "delete a finished project's data in every service (admin key; cancel a running one first)",
    )
    .argument('<id>', 'project id')
    .option('--wait', 'show progress until every service has deleted its share')
    .action(async (id: string, options: { readonly wait?: boolean }) => {
      const ctx = deps.context();
      let deletion = await ctx.api.deleteProject(id);
      ctx.out(`deletion of project ${id} requested by ${deletion.requestedBy}`);
      ctx.out(`  ${describeDeletion(deletion)}`);
      if (options.wait !== true) {
        if (deletion.state !== 'deleted') {
          ctx.out(`  follow it:  ${ctx.command(`delete ${id} --wait`)}`);
        }
        return;
      }
      deletion = await waitUntilDeleted(ctx, id, deletion);
      if (deletion.state !== 'deleted') deps.setExit(ExitCode.interrupted);
    });
}

/** Polls the deletion, printing each change, until it is deleted or the user presses Ctrl-C. */
async function waitUntilDeleted(
  ctx: CommandContext,
  id: string,
  first: ProjectDeletion,
): Promise<ProjectDeletion> {
  let deletion = first;
  let shown = describeDeletion(first);
  while (deletion.state !== 'deleted') {
    const stopped = await sleep(POLL_MS, false, { signal: ctx.io.signal }).catch(() => true);
    if (stopped) {
      ctx.out(`stopped waiting; the deletion goes on: ${ctx.command(`delete ${id} --wait`)}`);
      return deletion;
    }
    deletion = await ctx.api.projectDeletion(id);
    const now = describeDeletion(deletion);
    if (now !== shown) ctx.out(`  ${now}`);
    shown = now;
  }
  ctx.out(
    `project ${id} deleted at ${deletion.completedAt ?? '?'}; the record of who deleted it stays`,
  );
  return deletion;
}
