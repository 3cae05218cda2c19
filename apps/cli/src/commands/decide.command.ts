import { type Decision, GATE_IDS } from '@agentbus/contracts';
import { Argument, type Command } from 'commander';
import { type CommandContext, type CommandDeps } from './command-context';
import { positiveInt } from './option-parsers';

interface DecideOptions {
  readonly comment?: string;
  readonly attempt?: number;
}

const DONE: Record<Decision, string> = {
  approve: 'approved; the project continues',
  reject: 'rejected; the project fails with your comment as the reason',
  request_changes: 'sent back with your comment; the stage before the gate runs again',
};

/** approve, reject and request-changes: one decision each at an open gate. */
export function registerDecide(program: Command, deps: CommandDeps): void {
  const decide = (decision: Decision, name: string, summary: string, commentRequired: boolean) => {
    const command = program
      .command(name)
      .description(summary)
      .argument('<id>', 'project id')
      .addArgument(new Argument('<gate>', 'gate name').choices(GATE_IDS));
    if (commentRequired) command.requiredOption('--comment <text>', 'what to change (required)');
    else command.option('--comment <text>', 'a note kept with the decision');
    command
      .option('--attempt <n>', 'the gate attempt to decide (default: the open one)', positiveInt)
      .action(async (id: string, gate: string, options: DecideOptions) => {
        const ctx = deps.context();
        await ctx.api.decide(id, gate, {
          decision,
          ...(options.comment === undefined ? {} : { comment: options.comment }),
          ...(options.attempt === undefined ? {} : { attempt: options.attempt }),
        });
        printDecided(ctx, id, gate, decision);
      });
  };
  decide('approve', 'approve', 'approve an open gate', false);
  decide('reject', 'reject', 'reject an open gate: the project fails', false);
  decide(
    'request_changes',
    'request-changes',
    'send the stage before a gate back with a comment',
    true,
  );
}

function printDecided(ctx: CommandContext, id: string, gate: string, decision: Decision): void {
  ctx.out(`gate ${gate} of project ${id} ${DONE[decision]}`);
  ctx.out(`  follow it:  ${ctx.command(`watch ${id}`)}`);
}
