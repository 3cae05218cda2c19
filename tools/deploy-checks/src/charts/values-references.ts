// The values-reference check: every `.Values.x.y` a chart's templates read (directly, through the
// library's defines they include, in with/range blocks and in tpl'd value strings) must be defined
// in the values the chart renders with, and every define they include must exist. It also lists
// values nothing reads.
import {
  type Analysis,
  type TemplateFile,
  analyzeTemplates,
  collectDefines,
} from './template-analysis';
import { type Chart, chartAndDependencies, valuesNode } from './chart-tree';
import { coalesce, leafPaths, lookupPath, stringsIn, valueAt } from './helm-values';

export interface ReferenceReport {
  readonly analysis: Analysis;
  /** One line per undefined value, missing define or include that cannot be followed. */
  readonly problems: string[];
  /** Leaves of the chart's own values.yaml that no template reads. */
  readonly unused: string[];
}

/** Checks one chart against its own values.yaml (and its dependencies' defaults). */
export function checkValuesReferences(chart: Chart): ReferenceReport {
  const effective = coalesce(valuesNode(chart));
  const all = chartAndDependencies(chart);
  const defines = collectDefines(all.flatMap((c) => c.templates));
  const valueStrings = (path: readonly string[]): string[] =>
    stringsIn(valueAt(effective, path)).filter((s) => s.includes('{{'));
  const entries: readonly TemplateFile[] =
    chart.meta.type === 'library'
      ? // A library renders nothing itself: read each define as if a chart included it with `.`.
        [...defines.values()]
          .filter((d) => chart.templates.some((t) => t.file === d.file))
          .map((d) => ({ file: `${d.file} (define ${d.name})`, nodes: d.body }))
      : chart.templates;
  const analysis = analyzeTemplates(entries, defines, valueStrings);

  const problems: string[] = [];
  for (const ref of analysis.references) {
    const lookup = lookupPath(effective, ref.path);
    if (!lookup.found) {
      problems.push(
        `${ref.file}:${ref.line}: .Values.${ref.path.join('.')}: ${lookup.missing.join('.')} ${lookup.reason} in ${chart.meta.name}'s values`,
      );
    }
  }
  for (const call of analysis.includes) {
    if (!call.resolved) problems.push(`${call.file}:${call.line}: no define named "${call.name}"`);
  }
  for (const site of analysis.dynamicIncludes) {
    problems.push(`${site.file}:${site.line}: include with a computed name cannot be checked`);
  }
  return { analysis, problems: unique(problems), unused: unusedValues(chart, analysis) };
}

// A leaf is read when a reference reaches it or stops above it (toYaml of a whole block).
function unusedValues(chart: Chart, analysis: Analysis): string[] {
  const read = analysis.references.map((r) => r.path.join('.'));
  const dependencyKeys = new Set(chart.dependencies.map((d) => d.meta.name));
  // `global` is read by every subchart from its own copy, `enabled` by a parent's condition.
  const readElsewhere = new Set(['enabled']);
  if (chart.dependencies.some((d) => d.meta.type !== 'library')) readElsewhere.add('global');
  return leafPaths(chart.values)
    .filter(([top]) => !dependencyKeys.has(top ?? '') && !readElsewhere.has(top ?? ''))
    .map((path) => path.join('.'))
    .filter(
      (leaf) =>
        !read.some((r) => leaf === r || leaf.startsWith(`${r}.`) || r.startsWith(`${leaf}.`)),
    );
}

const unique = (lines: string[]): string[] => [...new Set(lines)];
