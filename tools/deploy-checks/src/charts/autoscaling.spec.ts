import { ALL_CONSUMERS, PRIORITY_GROUPS } from '@agentbus/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHARTS_DIR, REPO_ROOT, chartDirs, loadChart, readYaml, valuesNode } from './chart-tree';
import { type Values, coalesce, isMap, valueAt } from './helm-values';

const umbrella = loadChart(join(CHARTS_DIR, 'agent-bus'));

// The worker processes one durable's max_ack_pending serves: the default of consumerConfigOf's
// maxReplicas (read from the source: deploy-checks does not build on the messaging library).
function poolLimit(): number {
  const source = readFileSync(join(REPO_ROOT, 'libs/messaging/core/src/names.ts'), 'utf8');
  const match = /maxReplicas = (\d+)/.exec(source);
  if (match === null) throw new Error('libs/messaging/core/src/names.ts: no maxReplicas default');
  return Number(match[1]);
}
const prod = coalesce(
  valuesNode(umbrella),
  readYaml(join(umbrella.dir, 'values-prod.yaml')) as Values,
);

describe('queue-depth autoscaling', () => {
  it('scales the CPU workers on the lanes they share (the group named by the contracts)', () => {
    const worker = loadChart(join(CHARTS_DIR, 'cpu-agent-worker'));
    const durable = PRIORITY_GROUPS.cpuWorker.cpuTasks.name;
    expect(valueAt(worker.values, ['autoscaling', 'queueDepth', 'consumer'])).toBe(durable);
    expect(valueAt(prod, ['cpu-agent-worker', 'autoscaling', 'queueDepth'])).toMatchObject({
      enabled: true,
      consumer: durable,
    });
    expect(valueAt(prod, ['cpu-agent-worker', 'autoscaling', 'enabled'])).toBe(true);
  });

  it("keeps one worker per durable's concurrency of backlog, within the pool max_ack_pending serves", () => {
    const scaling = valueAt(prod, ['cpu-agent-worker', 'autoscaling']) as {
      maxReplicas: number;
      queueDepth: { averageValue: number };
    };
    expect(scaling.queueDepth.averageValue).toBe(PRIORITY_GROUPS.cpuWorker.cpuTasks.concurrency);
    expect(scaling.maxReplicas).toBeLessThanOrEqual(poolLimit());
  });

  it.each(chartDirs().map((dir) => [dir.slice(CHARTS_DIR.length + 1), dir]))(
    '%s names only durables that exist, in its values and under the umbrella in production',
    (name, dir) => {
      const durables = new Set([
        ...ALL_CONSUMERS.map((c) => c.durable),
        ...Object.values(PRIORITY_GROUPS).flatMap((byApp) =>
          Object.values(byApp).map((g) => g.name),
        ),
      ]);
      const scaling = [loadChart(dir).values, isMap(prod[name]) ? prod[name] : {}].map((v) =>
        valueAt(v, ['autoscaling', 'queueDepth', 'consumer']),
      );
      for (const consumer of scaling.filter((c) => typeof c === 'string' && c !== '')) {
        expect(durables).toContain(consumer);
      }
    },
  );
});
