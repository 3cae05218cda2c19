import { type Command } from 'commander';
import { DEMO_NAME, DEMO_REQUIREMENTS } from '../demo/demo-requirements';
import { ApiProblemError } from '../errors/cli-errors';
import { ExitCode } from '../exit-codes';
import { formatTable } from '../output/table';
import { reportOutcome } from '../watch/report-outcome';
import { type GateHandler, watchProject } from '../watch/watch-project';
import { type CommandContext, type CommandDeps } from './command-context';
import { submitProject } from './submit-project';

export function registerDemo(program: Command, deps: CommandDeps): void {
  program
    .command('demo')
    .description('run a built-in demo project to the end, approving its gates automatically')
    .action(async () => {
      const ctx = deps.context();
      const { id } = await submitProject(ctx, { name: DEMO_NAME, requirements: DEMO_REQUIREMENTS });
      ctx.out(`demo: submitted "${DEMO_NAME}" as project ${id}`);
      ctx.out('demo: gates will be approved automatically (a real reviewer would decide them)');
      const progress = await watchProject(ctx, id, autoApprove(ctx, id));
      const code = reportOutcome(ctx, id, progress, { downloadHint: false });
      if (code === ExitCode.ok) await listArtifacts(ctx, id);
      deps.setExit(code);
    });
}

/** Approves each gate as it opens, saying so; a gate already decided (409) is left alone. */
function autoApprove(ctx: CommandContext, id: string): GateHandler {
  return async (gate, log) => {
    log([`auto-approving gate ${gate.gate} (demo mode)`]);
    try {
      const comment = 'approved automatically by `agent-bus demo`';
      await ctx.api.decide(id, gate.gate, { decision: 'approve', attempt: gate.attempt, comment });
    } catch (error) {
      if (!(error instanceof ApiProblemError && error.status === 409)) throw error;
      log([`gate ${gate.gate} was already decided; continuing`]);
    }
  };
}

async function listArtifacts(ctx: CommandContext, id: string): Promise<void> {
  const artifacts = await ctx.api.artifacts(id);
  ctx.out();
  const rows = artifacts.map((a) => [
    a.stage,
    `v${a.version}`,
    a.format,
    String(a.sizeBytes ?? '-'),
  ]);
  formatTable(['STAGE', 'VERSION', 'FORMAT', 'BYTES'], rows).forEach((line) => ctx.out(line));
  ctx.out();
  ctx.out(`download them:  ${ctx.command(`artifacts ${id} --out ./demo-artifacts`)}`);
}
