import { Histogram, type Registry } from 'prom-client';

/** How a delivery ended: the `outcome` label of the handle histogram. */
export type MessageOutcome = 'ack' | 'nak' | 'dead_letter';

// Handlers range from a cache lookup to an LLM call that takes minutes.
const HANDLE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
// A publish is one JetStream round trip: milliseconds, seconds only when NATS struggles.
const PUBLISH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Message-handling and publish latency histograms; the messaging library reports to any object
 * with these two methods. Subjects should be canonical (no test namespace) to bound cardinality.
 */
export class MessagingMetrics {
  private readonly handle: Histogram<'subject' | 'consumer' | 'outcome'>;
  private readonly publish: Histogram<'subject'>;

  constructor(registry: Registry) {
    this.handle = new Histogram({
      name: 'agent_bus_message_handle_duration_seconds',
      help: 'Time from delivery to settlement of a message, by subject, consumer and outcome.',
      labelNames: ['subject', 'consumer', 'outcome'],
      buckets: HANDLE_BUCKETS,
      registers: [registry],
    });
    this.publish = new Histogram({
      name: 'agent_bus_message_publish_duration_seconds',
      help: 'Time until JetStream acknowledged a published message, by subject.',
      labelNames: ['subject'],
      buckets: PUBLISH_BUCKETS,
      registers: [registry],
    });
  }

  /** Records one handled delivery and how it was settled. */
  observeHandle(subject: string, consumer: string, outcome: MessageOutcome, seconds: number): void {
    this.handle.observe({ subject, consumer, outcome }, seconds);
  }

  /** Records one publish, until the stream acknowledged it. */
  observePublish(subject: string, seconds: number): void {
    this.publish.observe({ subject }, seconds);
  }
}
