import { type Command } from 'commander';
import { type Submission } from '../api/agent-bus-api';
import { reportOutcome } from '../watch/report-outcome';
import { watchProject } from '../watch/watch-project';
import { type CommandContext, type CommandDeps } from './command-context';
import { gateTimeoutOption, type GateTimeoutOptions } from './gate-timeout-option';
import { positiveInt, positiveNumber } from './option-parsers';
import { readRequirements } from './read-requirements';
import { submitProject } from './submit-project';

interface SubmitOptions {
  readonly name: string;
  readonly prdGate: boolean;
  readonly deliveryGate?: boolean;
  readonly budgetTokens?: number;
  readonly budgetUsd?: number;
  readonly gateTimeout?: GateTimeoutOptions;
  readonly watch?: boolean;
  readonly workspace?: string;
}

export function registerSubmit(program: Command, deps: CommandDeps): void {
  program
    .command('submit')
    .description('submit requirements as a new project')
    .argument('<file>', 'requirements (text or markdown), or - to read stdin')
    .requiredOption('--name <name>', 'project name')
    .option('--no-prd-gate', 'do not pause for PRD approval')
    .option('--delivery-gate', 'pause for approval before delivery')
    .option(
      '--budget-tokens <n>',
      'token budget; beyond it the project pauses at a gate',
      positiveInt,
    )
    .option('--budget-usd <n>', 'cost budget in US dollars', positiveNumber)
    .option(
      '--gate-timeout <gate=seconds:action[:n]>',
      'when nobody decides a gate in time: approve, reject, or remind (at most n times) and wait; ' +
        'e.g. prd_approval=86400:remind:3, or prd_approval=none for no timeout (repeatable)',
      gateTimeoutOption,
    )
    .option('--workspace <slug>', 'the workspace of the project (needed when your key has several)')
    .option('--watch', 'follow the project until it ends (exit codes as for watch)')
    .action(async (file: string, options: SubmitOptions) => {
      const ctx = deps.context();
      const requirements = await readRequirements(ctx.io, file);
      const { id } = await submitProject(ctx, submissionOf(options, requirements));
      printSubmitted(ctx, id, options.name);
      if (options.watch === true) deps.setExit(reportOutcome(ctx, id, await watchProject(ctx, id)));
    });
}

function submissionOf(options: SubmitOptions, requirements: string): Submission {
  const { budgetTokens, budgetUsd } = options;
  const budget = {
    ...(budgetTokens === undefined ? {} : { maxTokens: budgetTokens }),
    ...(budgetUsd === undefined ? {} : { maxCostUsd: budgetUsd }),
  };
  return {
    name: options.name,
    requirements,
    options: {
      gates: { prd_approval: options.prdGate, delivery_approval: options.deliveryGate === true },
      ...(Object.keys(budget).length === 0 ? {} : { budget }),
      ...(options.gateTimeout === undefined ? {} : { gateTimeouts: options.gateTimeout }),
    },
    ...(options.workspace === undefined ? {} : { workspace: options.workspace }),
  };
}

function printSubmitted(ctx: CommandContext, id: string, name: string): void {
  ctx.out(`submitted "${name}" as project ${id}`);
  ctx.out(`  follow it:  ${ctx.command(`watch ${id}`)}`);
  ctx.out(`  status:     ${ctx.command(`get ${id}`)}`);
}
