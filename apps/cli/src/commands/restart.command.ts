import { STAGE_IDS } from '@agentbus/contracts';
import { type Command, Option } from 'commander';
import { type CommandDeps } from './command-context';

export function registerRestart(program: Command, deps: CommandDeps): void {
  program
    .command('restart')
    .description('re-run a stage and everything after it, keeping earlier artifacts')
    .argument('<id>', 'project id')
    .addOption(
      new Option('--from <stage>', 'first stage to re-run')
        .choices(STAGE_IDS)
        .makeOptionMandatory(),
    )
    .action(async (id: string, options: { readonly from: string }) => {
      const ctx = deps.context();
      await ctx.api.restart(id, options.from);
      ctx.out(`restart of project ${id} from stage ${options.from} requested`);
      ctx.out(`  follow it:  ${ctx.command(`watch ${id}`)}`);
    });
}
