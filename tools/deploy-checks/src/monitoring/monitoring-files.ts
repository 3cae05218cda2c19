import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { metricNamesOf } from './promql';

export const ROOT = join(__dirname, '../../../..');
export const MONITORING = join(ROOT, 'deploy/monitoring');
export const PROMETHEUS_DIR = join(MONITORING, 'prometheus');
export const RULES_DIR = join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = join(PROMETHEUS_DIR, 'tests');
export const DASHBOARDS_DIR = join(MONITORING, 'grafana/dashboards');
export const PROVISIONING_DIR = join(MONITORING, 'grafana/provisioning');

/** One PromQL expression and where it was found, for messages that point at the file. */
export interface Expression {
  readonly where: string;
  readonly expr: string;
}

export const filesIn = (dir: string, extension: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));

export const readYaml = (path: string): unknown => parse(readFileSync(path, 'utf8'));

export interface Rule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** Every rule of every file in `rules/`, with its file name. */
export function loadRules(dir = RULES_DIR): (Rule & { file: string })[] {
  return filesIn(dir, '.yml').flatMap((file) => {
    const { groups } = readYaml(file) as { groups: { rules: Rule[] }[] };
    return groups.flatMap((group) =>
      group.rules.map((rule) => ({ ...rule, file: basename(file) })),
    );
  });
}

interface Target {
  readonly expr?: string;
  readonly refId?: string;
}

interface Panel {
  readonly id?: number;
  readonly type?: string;
  readonly title?: string;
  readonly gridPos?: { h: number; w: number; x: number; y: number };
  readonly datasource?: { type?: string; uid?: string };
  readonly targets?: Target[];
  readonly panels?: Panel[];
}

interface Variable {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { query?: string };
  readonly definition?: string;
}

/** The parts of a Grafana dashboard JSON the checks read. */
export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags?: string[];
  readonly panels: Panel[];
  readonly templating?: { list: Variable[] };
}

export const loadDashboard = (path: string): Dashboard =>
  JSON.parse(readFileSync(path, 'utf8')) as Dashboard;

/** Every panel, with those nested in collapsed rows. */
export const allPanels = (dashboard: Dashboard): Panel[] =>
  dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);

// `label_values(metric, label)` and `query_result(expr)` are Grafana's, around PromQL.
const LABEL_VALUES = /^\s*label_values\(\s*(.+?)\s*,\s*\w+\s*\)\s*$/;
const QUERY_RESULT = /^\s*query_result\((.+)\)\s*$/;

/** The PromQL of a dashboard: every panel target and every query variable. */
export function dashboardExpressions(dashboard: Dashboard, file: string): Expression[] {
  const targets = allPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).flatMap((target) =>
      target.expr === undefined
        ? []
        : [{ where: `${file} panel "${panel.title}" ${target.refId ?? ''}`, expr: target.expr }],
    ),
  );
  const variables = (dashboard.templating?.list ?? [])
    .filter((variable) => variable.type === 'query')
    .flatMap((variable) => {
      const query =
        typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
      const expr = LABEL_VALUES.exec(query)?.[1] ?? QUERY_RESULT.exec(query)?.[1] ?? query;
      return [{ where: `${file} variable $${variable.name}`, expr }];
    });
  return [...targets, ...variables];
}

/** Every expression that names a metric nobody exports, with the names it gets wrong. */
export function unknownMetrics(
  expressions: readonly Expression[],
  known: ReadonlySet<string>,
): { where: string; metrics: string[] }[] {
  return expressions.flatMap(({ where, expr }) => {
    const metrics = metricNamesOf(expr).filter((name) => !known.has(name));
    return metrics.length > 0 ? [{ where, metrics }] : [];
  });
}
