import { type Command } from 'commander';
import { reportOutcome } from '../watch/report-outcome';
import { watchProject } from '../watch/watch-project';
import { type CommandDeps } from './command-context';

export function registerWatch(program: Command, deps: CommandDeps): void {
  program
    .command('watch')
    .description(
      'follow a project live until it ends: exit 0 when completed, 1 when failed or cancelled',
    )
    .argument('<id>', 'project id')
    .action(async (id: string) => {
      const ctx = deps.context();
      deps.setExit(reportOutcome(ctx, id, await watchProject(ctx, id)));
    });
}
