import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_CONSUMERS,
  APP_NAMES,
  type AppName,
  ALL_STREAMS,
  allMessages,
  GATES,
  PIPELINE,
  PROJECT_STATES,
  STAGE_STATES,
} from '@agentbus/contracts';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../../apps/cli/src/program';
import { DEFAULT_TIMING } from '../../../apps/cli/src/io';

const ROOT = join(__dirname, '../../..');
const DURABLE_LIKE = /^(?:gw|orch|cpu|gpu|mem|skl)-[a-z]+-[a-z-]*[a-z]$/;
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const DOCS = ['docs/OPERATIONS.md', 'docs/INTEGRATING.md', 'docs/ARCHITECTURE.md'] as const;
const text = Object.fromEntries(DOCS.map((doc) => [doc, read(doc)])) as Record<
  (typeof DOCS)[number],
  string
>;

/** Code spans (`…`) and fenced code of a document: where names are quoted. */
const quoted = (doc: string): string[] => [
  ...[...doc.matchAll(/`([^`\n]+)`/g)].map(([, span]) => span ?? ''),
  ...[...doc.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map(([, block]) => block ?? ''),
];

/** The mermaid blocks of a document, in order. */
const mermaid = (doc: string): string[] =>
  [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(([, block]) => block ?? '');

/** Every configuration key some service, lib or the CLI reads. */
function configKeys(): Set<string> {
  const files = [
    ...readdirSync(join(ROOT, 'apps')).map((app) => `apps/${app}/src/config.ts`),
    'libs/config/src/common-env.ts',
    'libs/service-runtime/src/service-env.ts',
    'libs/service-runtime/src/retention-env.ts',
    'libs/llm/src/config/llm-env.ts',
    'apps/cli/src/dlq/dlq-bus.ts',
  ];
  const keys = new Set<string>();
  for (const file of files) {
    let source = '';
    try {
      source = read(file);
    } catch {
      continue; // apps without a config of their own (cli, system-e2e)
    }
    for (const [, key] of source.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)) {
      if (key) keys.add(key);
    }
  }
  return keys;
}

/**
 * The operator and integrator docs name real things: contract subjects, streams and durables,
 * dashboards, settings and CLI commands that exist, and the workflow as the contracts define it.
 */
describe('operator docs (docs/OPERATIONS.md, INTEGRATING.md, ARCHITECTURE.md)', () => {
  const subjects = new Set(allMessages().map((message) => message.subject));

  it('name only subjects, streams and durables the contracts define', () => {
    const durables = new Set(ALL_CONSUMERS.map((consumer) => consumer.durable));
    const streams = new Set(ALL_STREAMS.map((stream) => stream.name));
    for (const doc of DOCS) {
      const spans = quoted(text[doc]).join('\n');
      const named = {
        subjects: [...spans.matchAll(/\bagentbus\.[a-z]+\.v\d+\.[a-z-]+\.[a-z-]+\b/g)].map(
          ([match]) => match,
        ),
        streams: [...text[doc].matchAll(/\bAGENTBUS_[A-Z]+\b/g)].map(([match]) => match),
        durables: [
          // a code span that is a durable name, and the durables commands are given
          ...quoted(text[doc]).filter(
            (span) => DURABLE_LIKE.test(span) && !APP_NAMES.includes(span as AppName),
          ),
          ...[...spans.matchAll(/(?:--consumer|consumer info [A-Z_]+) ([a-z][a-z-]+)/g)].map(
            ([, durable]) => durable ?? '',
          ),
        ],
      };
      if (doc === 'docs/OPERATIONS.md') expect(named.durables.length).toBeGreaterThan(3);
      expect({ doc, subjects: named.subjects.filter((s) => !subjects.has(s)) }).toEqual({
        doc,
        subjects: [],
      });
      expect({ doc, streams: named.streams.filter((s) => !streams.has(s)) }).toEqual({
        doc,
        streams: [],
      });
      expect({ doc, durables: named.durables.filter((d) => !durables.has(d)) }).toEqual({
        doc,
        durables: [],
      });
    }
  });

  it("list INTEGRATING's workflow subjects as the contracts name them", () => {
    const rows = [...text['docs/INTEGRATING.md'].matchAll(/^\| `([a-z-]+\.[a-z-]+)` +\|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const [, row] of rows) {
      expect(subjects.has(`agentbus.workflow.v1.${row}`)).toBe(true);
    }
  });

  it('describe every dashboard in deploy/monitoring, and no other', () => {
    const files = readdirSync(join(ROOT, 'deploy/monitoring/grafana/dashboards')).filter((file) =>
      file.endsWith('.json'),
    );
    expect(files.length).toBeGreaterThan(0);
    const named = [...text['docs/OPERATIONS.md'].matchAll(/`([a-z-]+\.json)`/g)].map(
      ([, file]) => file,
    );
    expect([...new Set(named)].sort()).toEqual([...files].sort());
  });

  it('name only settings a service, a library or the CLI reads', () => {
    const keys = configKeys();
    for (const doc of DOCS) {
      const settings = [
        ...new Set(
          quoted(text[doc])
            .join('\n')
            .match(/\b(?:[A-Z][A-Z0-9]*_)+[A-Z0-9]+\b/g) ?? [],
        ),
      ].filter((name) => !name.startsWith('AGENTBUS_') && !name.startsWith('POSTGRES_'));
      if (doc === 'docs/OPERATIONS.md') expect(settings.length).toBeGreaterThan(8);
      expect({ doc, unknown: settings.filter((name) => !keys.has(name)) }).toEqual({
        doc,
        unknown: [],
      });
    }
  });

  it('show only agent-bus commands the CLI has', async () => {
    const commands = new Set<string>();
    for (const doc of DOCS) {
      for (const [, words] of quoted(text[doc])
        .join('\n')
        .matchAll(/\bagent-bus ((?:dlq )?[a-z][a-z-]*)/g)) {
        if (words) commands.add(words);
      }
    }
    expect(commands.size).toBeGreaterThan(3);
    for (const command of commands) {
      const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
      const code = await runCli([...command.split(' '), '--help'], {
        stdout: sink,
        stderr: sink,
        stdin: new PassThrough(),
        env: {},
        cwd: ROOT,
        signal: new AbortController().signal,
        timing: DEFAULT_TIMING,
      });
      expect({ command, code }).toEqual({ command, code: 0 });
    }
  });

  it("draw ARCHITECTURE's stage graph exactly as the contracts' PIPELINE and GATES", () => {
    const graph = mermaid(text['docs/ARCHITECTURE.md']).find((block) =>
      block.includes('prd_approval{{'),
    );
    if (!graph) throw new Error('no workflow graph in docs/ARCHITECTURE.md');
    const edges = [...graph.matchAll(/^\s*([a-z_]+)\b.*?-\.?->\s*([a-z_]+)/gm)].map(
      ([, from, to]) => [from ?? '', to ?? ''] as const,
    );
    const gateIds = new Set<string>(GATES.map((gate) => gate.id));
    // A gate sits between a stage and what comes after it: collapse it into the stage's edges.
    const into = (node: string): string[] =>
      gateIds.has(node) ? edges.filter(([from]) => from === node).map(([, to]) => to) : [node];
    const drawn = edges
      .filter(([from]) => !gateIds.has(from))
      .flatMap(([from, to]) => into(to).map((target) => `${from} -> ${target}`));
    const declared = PIPELINE.flatMap((stage) =>
      stage.after.map((upstream) => `${upstream} -> ${stage.id}`),
    );
    expect([...new Set(drawn)].sort()).toEqual([...declared].sort());
    for (const gate of GATES) {
      expect(edges).toContainEqual([gate.after, gate.id]);
    }
  });

  it('draw every project and stage state in the state machines', () => {
    const [, , projects, stages] = mermaid(text['docs/ARCHITECTURE.md']);
    for (const state of PROJECT_STATES) expect(projects).toMatch(new RegExp(`\\b${state}\\b`));
    for (const state of STAGE_STATES) expect(stages).toMatch(new RegExp(`\\b${state}\\b`));
  });
});
