import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's prom-client {@link Registry}: default Node metrics (event loop, heap, GC, handles)
 * and a default `service` label on every series. A private registry rather than prom-client's
 * global one, so two Nest apps in one test process do not collide.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
