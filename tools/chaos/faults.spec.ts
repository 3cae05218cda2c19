import { type Replica } from './chaos-stack';
import { killOrder, seededRandom, shuffled } from './faults';

const replica = (label: string, app: string): Replica =>
  ({ label, app, kills: 0, running: undefined }) as unknown as Replica;

describe('fault order', () => {
  const replicas = [
    replica('memory-service', 'memory-service'),
    replica('cpu-agent-worker#1', 'cpu-agent-worker'),
    replica('skills-registry', 'skills-registry'),
    replica('master-orchestrator', 'master-orchestrator'),
    replica('gpu-job-controller', 'gpu-job-controller'),
    replica('gateway', 'gateway'),
    replica('cpu-agent-worker#2', 'cpu-agent-worker'),
  ];

  it('hits every service first, those holding work in flight first, then every other replica', () => {
    const order = killOrder(replicas, seededRandom(7));
    expect(new Set(order.map((r) => r.label)).size).toBe(replicas.length);
    expect(new Set(order.slice(0, 6).map((r) => r.app)).size).toBe(6);
    expect(new Set(order.slice(0, 3).map((r) => r.app))).toEqual(
      new Set(['cpu-agent-worker', 'master-orchestrator', 'gateway']),
    );
    expect(order[6]?.label).toMatch(/^cpu-agent-worker#/);
  });

  it('repeats the same order for the same seed and varies it across seeds', () => {
    const labels = (seed: number) => shuffled(replicas, seededRandom(seed)).map((r) => r.label);
    expect(labels(42)).toEqual(labels(42));
    const orders = new Set([1, 2, 3, 4, 5].map((seed) => labels(seed).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});
