import { type CommandContext } from '../commands/command-context';
import { ExitCode } from '../exit-codes';
import { formatTokens, formatUsd } from '../output/format';
import { type Progress } from '../progress/progress-model';
import { summarize } from '../progress/progress-summary';

/** Prints how a watched project ended, with what to do next, and returns the exit code. */
export function reportOutcome(
  ctx: CommandContext,
  projectId: string,
  progress: Progress,
  options: { readonly downloadHint?: boolean } = {},
): ExitCode {
  const { done, total, tokens, costUsd } = summarize(progress);
  const cause = progress.failure?.cause ?? 'no cause given';
  const stage = progress.failure?.stage;
  switch (progress.state) {
    case 'completed':
      ctx.out(
        `project ${projectId} completed: ${done}/${total} stages, ${formatTokens(tokens)}, ${formatUsd(costUsd)}`,
      );
      if (options.downloadHint !== false) {
        ctx.out(`download the artifacts: ${ctx.command(`artifacts ${projectId}`)}`);
      }
      return ExitCode.ok;
    case 'failed':
      ctx.out(
        `project ${projectId} failed${stage === undefined ? '' : ` at stage ${stage}`}: ${cause}`,
      );
      ctx.out(
        `hint: see its stages with \`${ctx.command(`get ${projectId}`)}\`${stage === undefined ? '' : `; once the cause is fixed, re-run with \`${ctx.command(`restart ${projectId} --from ${stage}`)}\``}`,
      );
      return ExitCode.projectFailed;
    case 'cancelled':
      ctx.out(`project ${projectId} was cancelled: ${cause}`);
      return ExitCode.projectFailed;
    case 'queued':
    case 'running':
    case 'waiting_approval':
      ctx.out(
        `the event stream ended while the project is ${progress.state}; follow it again with \`${ctx.command(`watch ${projectId}`)}\``,
      );
      return ExitCode.gatewayError;
  }
}
