import { join } from 'node:path';
import { CHARTS_DIR } from './chart-tree';
import { keyComments, normalizeMarkdown, readmeTables, valuesTables } from './values-table';

describe('the values reference in charts/README.md', () => {
  it('is what the charts say (regenerate with write-values-tables.ts when it is not)', () => {
    const current = readmeTables();
    expect(current).toBeDefined();
    expect(normalizeMarkdown(current ?? '')).toBe(normalizeMarkdown(valuesTables()));
  });

  it('takes descriptions from the comment above each key', () => {
    const comments = keyComments(join(CHARTS_DIR, 'agent-bus-lib/values.yaml'));
    expect(comments.get('replicaCount')).toBe('Pods when autoscaling is off.');
    expect(comments.get('global.nats.url')).toMatch(/^NATS URL/);
  });

  it('would notice a stale default', () => {
    const tables = valuesTables();
    const stale = tables.replace('`"ghcr.io"`', '`"docker.io"`');
    expect(stale).not.toBe(tables);
    expect(normalizeMarkdown(stale)).not.toBe(normalizeMarkdown(tables));
  });
});
