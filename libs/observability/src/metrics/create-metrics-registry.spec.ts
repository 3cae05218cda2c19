import { sampleValue } from '../../test/prometheus-sample';
import { createMetricsRegistry } from './create-metrics-registry';

describe(createMetricsRegistry.name, () => {
  it('serves the Node defaults with the service label', async () => {
    const text = await createMetricsRegistry('gateway').metrics();
    expect(sampleValue(text, 'process_cpu_user_seconds_total', { service: 'gateway' })).toEqual(
      expect.any(Number),
    );
    expect(text).toContain('# TYPE nodejs_active_handles gauge');
  });

  // The rule `promtool check metrics` applies: `_total` names counters and only counters.
  it('names every counter, and nothing else, with _total', async () => {
    const text = await createMetricsRegistry('gateway').metrics();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({
      name: name ?? '',
      type,
    }));
    const misnamed = types
      .filter(({ name, type }) => name.endsWith('_total') !== (type === 'counter'))
      .map(({ name, type }) => `${name} (${type})`);
    expect(types.length).toBeGreaterThan(10);
    expect(misnamed).toEqual([]);
    expect(types.map(({ name }) => name)).not.toContain('nodejs_active_handles_total');
  });
});
