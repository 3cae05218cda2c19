import { z } from 'zod';
import { list, name, strings, text } from './schema-fields';

/** The `architecture` artifact; list bounds follow the original's (≤12 components and flows). */
export const ArchitectureArtifact = z.strictObject({
  system_overview: z.strictObject({
    description: text(4_000),
    architecture_type: name().describe('e.g. modular monolith, microservices, serverless'),
  }),
  components: list(
    z.strictObject({
      id: name(100),
      name: name(),
      type: name(100).describe('e.g. service, database, queue, frontend'),
      responsibilities: strings(12),
      technology: text(200),
      interfaces: strings(12).describe('APIs, events or ports it exposes'),
    }),
    12,
    1,
  ),
  data_flows: list(
    z.strictObject({
      from: name(100).describe('component id'),
      to: name(100).describe('component id'),
      description: text(),
      protocol: text(100),
    }),
    12,
  ),
  data_models: list(
    z.strictObject({ entity: name(), attributes: strings(30), relationships: strings(12) }),
    10,
  ),
  technology_stack: z.strictObject({
    backend: text(300),
    frontend: text(300),
    database: text(300),
    cache: text(300),
    message_queue: text(300),
  }),
  deployment: z.strictObject({ strategy: text(), platform: text(300), scaling: text() }),
  security: z.strictObject({
    authentication: text(),
    authorization: text(),
    data_encryption: text(),
  }),
  monitoring: z.strictObject({ logging: text(), metrics: text(), alerting: text() }),
});
export type ArchitectureArtifact = z.infer<typeof ArchitectureArtifact>;
