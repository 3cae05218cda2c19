import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Expression } from './monitoring-files';
import { withGrafanaVariablesResolved } from './promql';

/** What one promtool run printed and how it ended. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/** Debian's `prometheus` package installs it here; PROMTOOL overrides. */
export const PROMTOOL = process.env['PROMTOOL'] ?? 'promtool';

/** Runs promtool with `args` (and `input` on stdin); `cwd` for paths in test files. */
export function promtool(args: readonly string[], input?: string, cwd?: string): PromtoolResult {
  const result = spawnSync(PROMTOOL, args, {
    input,
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) {
    throw new Error(
      `cannot run ${PROMTOOL} (install Debian's prometheus package): ${result.error.message}`,
    );
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * Checks expressions as PromQL by handing them to `promtool check rules` as recording rules
 * (Grafana variables resolved first). Returns the problems, each with where its expression is.
 */
export function invalidExpressions(expressions: readonly Expression[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'promql-check-'));
  try {
    const problems: string[] = [];
    // One file per expression: promtool stops at a file's first parse error.
    const files = expressions.map(({ expr }, index) => {
      const file = join(dir, `expr-${index}.yml`);
      const rule = {
        record: `check:expression_${index}`,
        expr: withGrafanaVariablesResolved(expr),
      };
      writeFileSync(file, stringify({ groups: [{ name: 'check', rules: [rule] }] }));
      return file;
    });
    const { status, output } = promtool(['check', 'rules', ...files]);
    if (status === 0) return [];
    expressions.forEach(({ where, expr }, index) => {
      const mine = output
        .split('\n')
        .filter((line) => line.includes(`expr-${index}.yml`) && /error|FAILED/i.test(line));
      if (mine.length > 0) problems.push(`${where}: ${expr}\n  ${mine.join('\n  ')}`);
    });
    return problems.length > 0 ? problems : [output];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
