import { type ChaosResult } from './run';

const pad = (text: string, width: number) => text.padEnd(width);

/** The invariants as a table, then the per-project times (and, with a baseline, their ratio). */
export function reportLines(title: string, result: ChaosResult, baseline?: ChaosResult): string[] {
  const nameWidth = Math.max(...result.checks.map((c) => c.name.length), 10);
  const valueWidth = Math.max(...result.checks.map((c) => c.value.length), 5);
  const lines = [
    title,
    `  ${pad('invariant', nameWidth)}  ${pad('value', valueWidth)}  expected  ok`,
    ...result.checks.flatMap((check) => [
      `  ${pad(check.name, nameWidth)}  ${pad(check.value, valueWidth)}  ${pad(check.expected, 8)}  ${check.ok ? 'yes' : 'NO'}`,
      ...(check.ok ? [] : (check.detail ?? []).map((d) => `      ${d}`)),
    ]),
    `  wall time: ${(result.wallMs / 1000).toFixed(1)} s; per project (submitted → completed): ` +
      `p50 ${seconds(result.projectMs.p50)}, p99 ${seconds(result.projectMs.p99)}, max ${seconds(result.projectMs.max)}`,
  ];
  lines.push('  slowest projects:', ...result.slowest);
  if (baseline) {
    const ratio = result.projectMs.p99 / baseline.projectMs.p99;
    lines.push(
      `  no-fault pass: p50 ${seconds(baseline.projectMs.p50)}, p99 ${seconds(baseline.projectMs.p99)}; ` +
        `p99 under faults / no-fault p99 = ${ratio.toFixed(2)} (target ≤ 2)`,
    );
  }
  return lines;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
