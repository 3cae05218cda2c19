import { type Command } from 'commander';
import { type CommandDeps } from './command-context';

export function registerCancel(program: Command, deps: CommandDeps): void {
  program
    .command('cancel')
    .description('cancel a project; its in-flight tasks are stopped')
    .argument('<id>', 'project id')
    .option('--reason <text>', 'why (kept with the project)')
    .action(async (id: string, options: { readonly reason?: string }) => {
      const ctx = deps.context();
      await ctx.api.cancel(id, options.reason);
      ctx.out(`cancellation of project ${id} requested`);
      ctx.out(`  see it end:  ${ctx.command(`watch ${id}`)}`);
    });
}
