import { sampleValue } from '../../test/prometheus-sample';
import { createMetricsRegistry } from './create-metrics-registry';
import { MessagingMetrics } from './messaging-metrics';

describe(MessagingMetrics.name, () => {
  it('records handle latency by subject, consumer and outcome, with the service label', async () => {
    const registry = createMetricsRegistry('orch');
    const sut = new MessagingMetrics(registry);
    const subject = 'agentbus.workflow.v1.stage.completed';
    sut.observeHandle(subject, 'orch-stage-completed', 'ack', 0.2);
    sut.observeHandle(subject, 'orch-stage-completed', 'ack', 0.4);
    sut.observeHandle(subject, 'orch-stage-completed', 'dead_letter', 3);

    const text = await registry.metrics();
    const labels = { subject, consumer: 'orch-stage-completed', service: 'orch' };
    const name = 'agent_bus_message_handle_duration_seconds';
    expect(sampleValue(text, `${name}_count`, { ...labels, outcome: 'ack' })).toBe(2);
    expect(sampleValue(text, `${name}_sum`, { ...labels, outcome: 'ack' })).toBeCloseTo(0.6);
    expect(sampleValue(text, `${name}_count`, { ...labels, outcome: 'dead_letter' })).toBe(1);
    expect(sampleValue(text, `${name}_count`, { ...labels, outcome: 'nak' })).toBeUndefined();
  });

  it('records publish latency by subject', async () => {
    const registry = createMetricsRegistry('gw');
    new MessagingMetrics(registry).observePublish('agentbus.gpu.v1.job.requested', 0.003);
    const text = await registry.metrics();
    const labels = { subject: 'agentbus.gpu.v1.job.requested', service: 'gw' };
    const name = 'agent_bus_message_publish_duration_seconds_bucket';
    expect(sampleValue(text, name, { ...labels, le: '0.0025' })).toBe(0);
    expect(sampleValue(text, name, { ...labels, le: '0.005' })).toBe(1);
  });
});
