// The values reference in charts/README.md, generated from each chart's values.yaml (defaults, and
// the comment above each key) and values.schema.json (descriptions where a key has no comment, and
// which variables env/secretEnv accept). write-values-tables.ts writes it; values-table.spec.ts
// fails when the README is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Node as YamlNode, isMap, parseDocument } from 'yaml';
import { CHARTS_DIR, type Chart, chartDirs, loadChart } from './chart-tree';
import { valueAt } from './helm-values';

export const README = join(CHARTS_DIR, 'README.md');
export const BEGIN = '<!-- values-tables:begin -->';
export const END = '<!-- values-tables:end -->';

interface Row {
  readonly key: string;
  readonly value: string;
  readonly description: string;
}

/** Comments above each key of a values.yaml, by dotted path (the last paragraph of each). */
export function keyComments(file: string): Map<string, string> {
  const comments = new Map<string, string>();
  const walk = (node: YamlNode | null | undefined, prefix: string): void => {
    if (!isMap(node)) return;
    node.items.forEach((pair, i) => {
      const key = String((pair.key as { value?: unknown } | null)?.value);
      // yaml keeps the comment above a block's first key on the block itself.
      const comment =
        (pair.key as { commentBefore?: string | null } | null)?.commentBefore ??
        (i === 0 ? node.commentBefore : undefined);
      if (comment) {
        const paragraph = comment.split('\n\n').pop() ?? '';
        comments.set(`${prefix}${key}`, paragraph.replace(/\n ?/g, ' ').trim());
      }
      walk(pair.value as YamlNode | null, `${prefix}${key}.`);
    });
  };
  walk(parseDocument(readFileSync(file, 'utf8')).contents, '');
  return comments;
}

// The schema's description of a path, or of the definition it refers to.
function schemaDescription(schema: unknown, path: readonly string[]): string {
  const root = schema as (SchemaNode & { definitions?: Record<string, SchemaNode> }) | undefined;
  let node: SchemaNode | undefined = root;
  for (const key of path) node = node?.properties?.[key];
  const ref = node?.$ref?.replace('#/definitions/', '');
  return (
    node?.description ?? (ref === undefined ? '' : (root?.definitions?.[ref]?.description ?? ''))
  );
}

const shown = (value: unknown): string => {
  const json = JSON.stringify(value) ?? 'null';
  return json.length > 90 ? '(see values.yaml)' : `\`${json}\``;
};
// Pipes would end the cell; <placeholders> in prose would be read as HTML tags and vanish.
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const prose = (text: string): string => cell(text).replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface SchemaNode {
  readonly properties?: Record<string, SchemaNode>;
  readonly $ref?: string;
  readonly description?: string;
}

// One row per key the schema describes field by field; a free-form block (a securityContext,
// resources, a list) is one row.
function documentedPaths(
  values: unknown,
  schema: SchemaNode | undefined,
  prefix: string[] = [],
): string[][] {
  if (!isPlainMap(values)) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => {
    const node = schema?.properties?.[key];
    const described = node?.properties !== undefined && node.$ref === undefined;
    return described && isPlainMap(value) && Object.keys(value).length > 0
      ? documentedPaths(value, node, [...prefix, key])
      : [[...prefix, key]];
  });
}

const isPlainMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function rows(chart: Chart, keep: (path: string[]) => boolean): Row[] {
  const comments = keyComments(join(chart.dir, 'values.yaml'));
  return documentedPaths(chart.values, chart.schema as SchemaNode)
    .filter(keep)
    .map((path) => {
      const key = path.join('.');
      // The comment above the key, else the schema's description of it.
      const description = comments.get(key) ?? schemaDescription(chart.schema, path);
      return { key, value: shown(valueAt(chart.values, path)), description };
    });
}

function table(list: readonly Row[]): string {
  return [
    '| key | default | description |',
    '| --- | --- | --- |',
    ...list.map((r) => `| \`${r.key}\` | ${cell(r.value)} | ${prose(r.description)} |`),
  ].join('\n');
}

interface EnvSchema {
  properties?: {
    env?: { properties?: Record<string, unknown> };
    secretEnv?: { propertyNames?: { enum?: string[] } };
  };
}

/** The generated part of charts/README.md (before prettier). */
export function valuesTables(): string {
  const charts = chartDirs().map(loadChart);
  const lib = charts.find((c) => c.meta.name === 'agent-bus-lib');
  const umbrella = charts.find((c) => c.meta.name === 'agent-bus');
  if (!lib || !umbrella) throw new Error('charts/agent-bus-lib and charts/agent-bus are expected');
  const services = charts.filter((c) => c !== lib && c !== umbrella);
  const parts = [
    '### Every service chart (the agent-bus-lib contract)',
    '',
    table(rows(lib, () => true)),
  ];
  for (const chart of services) {
    const differs = (path: string[]): boolean =>
      path[0] !== 'env' &&
      JSON.stringify(valueAt(chart.values, path)) !== JSON.stringify(valueAt(lib.values, path));
    const schema = chart.schema as EnvSchema;
    const env = Object.keys(schema.properties?.env?.properties ?? {});
    const secrets = schema.properties?.secretEnv?.propertyNames?.enum ?? [];
    parts.push(
      '',
      `### ${chart.meta.name}`,
      '',
      `\`env\` accepts ${env.map((e) => `\`${e}\``).join(', ')}; \`secretEnv\` accepts those and ` +
        `${
          secrets
            .filter((s) => !env.includes(s))
            .map((s) => `\`${s}\``)
            .join(', ') || 'no other'
        }.`,
      '',
      'Values that differ from the contract or exist only in this chart:',
      '',
      table(rows(chart, differs)),
    );
  }
  const serviceNames = new Set(services.map((c) => c.meta.name));
  const umbrellaRows = rows(
    umbrella,
    (path) => !serviceNames.has(path[0] ?? '') || path[1] === 'enabled',
  );
  parts.push('', '### agent-bus (the umbrella)', '', table(umbrellaRows));
  return parts.join('\n');
}

/** Markdown with table padding and blank-line runs collapsed, to compare before/after prettier. */
export function normalizeMarkdown(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line.replace(/\s*\|\s*/g, '|').replace(/\|:?-+:?(?=\|)/g, '|---')
        : line.trimEnd(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The generated part of the README as it stands. */
export function readmeTables(): string | undefined {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? undefined : readme.slice(start + BEGIN.length, end);
}
