import { collectDefaultMetrics, Registry } from 'prom-client';

// prom-client's default gauges whose names end in `_total`, which Prometheus reserves for counters
// (`promtool check metrics` reports them). Each is the sum over the by-type gauge of the same name
// without the suffix, so `sum(nodejs_active_handles)` still gives it.
const MISNAMED_DEFAULT_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
] as const;

/**
 * The process's prom-client {@link Registry}: default Node metrics (event loop, heap, GC, handles)
 * and a default `service` label on every series. A private registry rather than prom-client's
 * global one, so two Nest apps in one test process do not collide.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop lag histogram samples on a timer of this period; prom-client's 10 ms default
  // woke every idle process 100 times a second (most of an idle service's CPU). Lag worth an alert
  // is far longer than 250 ms of sampling granularity.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 250 });
  for (const name of MISNAMED_DEFAULT_GAUGES) registry.removeSingleMetric(name);
  return registry;
}
