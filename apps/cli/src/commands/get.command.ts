import { type Command } from 'commander';
import { type Forecast, type ProjectDetail, isGateOpen } from '../api/project.schemas';
import { formatDuration, formatTime, formatTokens, formatUsd } from '../output/format';
import { formatTable } from '../output/table';
import { gateHint } from '../progress/gate-hint';
import { type CommandContext, type CommandDeps } from './command-context';

export function registerGet(program: Command, deps: CommandDeps): void {
  program
    .command('get')
    .description('show a project: state, stages, gates, tokens and cost')
    .argument('<id>', 'project id')
    .action(async (id: string) => {
      const ctx = deps.context();
      printProject(ctx, await ctx.api.get(id));
    });
}

function printProject(ctx: CommandContext, project: ProjectDetail): void {
  const usage = project.usage ?? { totalTokens: 0, costUsd: 0 };
  ctx.out(`${project.name} (${project.id})`);
  ctx.out(
    `state: ${project.state}, created ${formatTime(project.createdAt)} UTC, ${formatTokens(usage.totalTokens)}, ${formatUsd(usage.costUsd)}`,
  );
  if (project.forecast) ctx.out(forecastLine(project.forecast));
  if (project.failure) {
    ctx.out(
      `failure${project.failure.stage ? ` at stage ${project.failure.stage}` : ''}: ${project.failure.cause}`,
    );
  }
  ctx.out();
  if (project.stages.length === 0) ctx.out('no stages yet (the project is queued)');
  else stageTable(project).forEach((line) => ctx.out(line));
  if (project.gates.length > 0) {
    ctx.out();
    const rows = project.gates.map((g) => [
      g.gate,
      String(g.attempt),
      g.state,
      g.decision ?? '-',
      g.decidedBy ?? '-',
    ]);
    formatTable(['GATE', 'ATTEMPT', 'STATE', 'DECISION', 'BY'], rows).forEach((line) =>
      ctx.out(line),
    );
  }
  const open = project.gates.find(isGateOpen);
  if (open !== undefined) {
    ctx.out();
    ctx.out(`gate ${open.gate} is waiting for a decision:`);
    gateHint(project.id, open, ctx.command).forEach((line) => ctx.out(line));
  }
}

function stageTable(project: ProjectDetail): string[] {
  const rows = project.stages.map((s) => [
    s.stage,
    s.state,
    String(s.attempt),
    s.durationMs === null || s.durationMs === undefined ? '-' : formatDuration(s.durationMs),
    s.usage === undefined ? '-' : formatTokens(s.usage.totalTokens),
    s.usage?.cachedTokens === undefined ? '-' : TOKENS.format(s.usage.cachedTokens),
    s.usage === undefined ? '-' : formatUsd(s.usage.costUsd),
  ]);
  return formatTable(['STAGE', 'STATE', 'ATTEMPT', 'TIME', 'TOKENS', 'CACHED', 'COST'], rows);
}

const TOKENS = new Intl.NumberFormat('en-US');

/** `forecast $0.0030 (from 2 past projects), spent $0.0036 (+20.0%)`. */
export function forecastLine(forecast: Forecast): string {
  const error =
    forecast.errorPct === null
      ? ''
      : ` (${forecast.errorPct > 0 ? '+' : ''}${forecast.errorPct.toFixed(1)}%)`;
  const from = `from ${forecast.basedOnProjects} past project${forecast.basedOnProjects === 1 ? '' : 's'}`;
  return `forecast ${formatUsd(forecast.total.costUsd)} (${from}), spent ${formatUsd(forecast.actualCostUsd)}${error}`;
}
