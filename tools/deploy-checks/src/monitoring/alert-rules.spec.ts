import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  filesIn,
  loadRules,
  PROMETHEUS_DIR,
  readYaml,
  ROOT,
  RULE_TESTS_DIR,
  RULES_DIR,
} from './monitoring-files';
import { promtool } from './promtool';

// The runbook sections docs/OPERATIONS.md keeps for the alerts (agreed with its author).
const RUNBOOK_ANCHORS = [
  'stuck-project',
  'dlq-growth',
  'error-rate',
  'llm-cost-burn',
  'consumer-lag',
  'gpu-job-pending',
  'memory-copy-not-ready',
];
const OPERATIONS = join(ROOT, 'docs/OPERATIONS.md');

interface RuleTestFile {
  rule_files: string[];
  tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
}

describe('Prometheus alert rules (deploy/monitoring/prometheus)', () => {
  const rules = loadRules();
  const alerts = rules.filter((rule) => rule.alert !== undefined);
  const testFiles = filesIn(RULE_TESTS_DIR, '.test.yml');

  it('pass promtool check rules, and prometheus.yml loads them (promtool check config)', () => {
    const files = filesIn(RULES_DIR, '.yml');
    expect(files.length).toBeGreaterThan(0);
    const rulesCheck = promtool(['check', 'rules', ...files]);
    expect(rulesCheck).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    const config = promtool(['check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(config.status).toBe(0);
    expect(config.output).toContain(`SUCCESS: ${files.length} rule files found`);
  });

  it('pass their promtool unit tests', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const run = promtool(
      ['test', 'rules', ...testFiles.map((file) => basename(file))],
      undefined,
      RULE_TESTS_DIR,
    );
    expect(run.output).not.toMatch(/FAILED/);
    expect(run.status).toBe(0);
  });

  it('are each tested firing and not firing', () => {
    const cases = testFiles.flatMap((file) => {
      const parsed = readYaml(file) as RuleTestFile;
      expect(parsed.rule_files).toEqual(['../rules/agent-bus.rules.yml']);
      return parsed.tests.flatMap((test) => test.alert_rule_test ?? []);
    });
    const untested = alerts.flatMap(({ alert }) => {
      const mine = cases.filter((test) => test.alertname === alert);
      const fires = mine.some((test) => test.exp_alerts.length > 0);
      const stays = mine.some((test) => test.exp_alerts.length === 0);
      return fires && stays ? [] : [`${alert}: fires ${fires}, stays quiet ${stays}`];
    });
    expect(untested).toEqual([]);
  });

  it('carry a severity, a summary, a description and a runbook section of docs/OPERATIONS.md', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(RUNBOOK_ANCHORS.length);
    for (const rule of alerts) {
      expect({ alert: rule.alert, severity: rule.labels?.['severity'] }).toEqual({
        alert: rule.alert,
        severity: expect.stringMatching(/^(warning|critical)$/),
      });
      expect(rule.annotations).toEqual({
        summary: expect.any(String),
        description: expect.any(String),
        runbook_url: expect.stringMatching(/^docs\/OPERATIONS\.md#[a-z0-9-]+$/),
      });
      expect(RUNBOOK_ANCHORS).toContain(rule.annotations?.['runbook_url']?.split('#')[1]);
    }
    const used = new Set(alerts.map((rule) => rule.annotations?.['runbook_url']?.split('#')[1]));
    expect([...used].sort()).toEqual([...RUNBOOK_ANCHORS].sort());
  });

  // docs/OPERATIONS.md is written beside these rules; once it exists, every anchor must land.
  (existsSync(OPERATIONS) ? it : it.skip)('point at sections docs/OPERATIONS.md has', () => {
    const text = readFileSync(OPERATIONS, 'utf8');
    const slugs = new Set([
      ...[...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, heading]) => githubSlug(heading ?? '')),
      // Explicit anchors (<a id="…">) count too.
      ...[...text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)].map(([, id]) => id ?? ''),
    ]);
    expect(RUNBOOK_ANCHORS.filter((anchor) => !slugs.has(anchor))).toEqual([]);
  });
});

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
