import { type NewPattern } from '../patterns/pattern';

const template = (id: string, name: string, text: string): NewPattern => ({
  id: `template-${id}`,
  type: 'template',
  source: 'template',
  text: `${name}\n\n${text}`,
  metadata: { name, template: id },
});

/**
 * Starting points for a project specification, one per kind of product teams bring to Agent Bus.
 * A project may name one (`templateId`); agents see them as memory like any other pattern.
 */
export const SHIPPED_TEMPLATES: readonly NewPattern[] = [
  template(
    'web-saas',
    'Web SaaS application',
    `Product: a multi-tenant web application sold by subscription. Users sign up with email or
single sign-on, belong to an organisation (workspace) with owner, admin and member roles, and are
invited by email. Billing: plans with monthly and annual prices, a free trial, upgrades prorated,
invoices and dunning through a payment provider. Architecture: a single-page frontend, an API
service, Postgres with an organisation id on every row (row-level security), a job queue for
emails and exports, object storage for uploads. Non-functional: 99.9 % availability, p95 page
load under 2 s, GDPR data export and erasure, audit log of admin actions, daily backups with
point-in-time recovery. Delivery: onboarding checklist, usage analytics, feature flags for
gradual rollout.`,
  ),
  template(
    'ml-pipeline',
    'Machine learning pipeline',
    `Product: a pipeline that turns raw data into a deployed model and keeps it healthy. Stages:
ingestion from event streams and files into object storage, validation against a schema,
feature engineering into a feature store, training on GPUs with tracked experiments
(hyperparameters, metrics, artefacts), evaluation against a holdout set and the production model,
registration and approval of a model version, batch and online inference, and monitoring of data
drift and prediction quality that can trigger retraining. Non-functional: reproducible runs
(pinned data snapshots and code versions), cost limits per training run, lineage from prediction
back to data, rollback to the previous model in minutes.`,
  ),
  template(
    'rest-api',
    'REST API service',
    `Product: a public HTTP JSON API that partners integrate with. Resources with versioned paths
(/v1), create/read/update/delete with validation, cursor pagination, filtering and sorting,
idempotency keys on POST, ETags for caching and optimistic concurrency, and RFC 9457 problem
details for errors. Access: API keys or OAuth 2 client credentials, scopes per resource, rate
limits per key with 429 and Retry-After. Documentation: an OpenAPI document generated from the
code, examples for every endpoint, a changelog and a deprecation policy. Operations: structured
logs, request metrics and traces, p99 latency objectives, webhooks with signed payloads and
retries.`,
  ),
  template(
    'microservices',
    'Microservices platform',
    `Product: a system split into services by business capability, each owning its data and
deployable on its own. Communication: asynchronous events on a message broker for facts,
request/reply for queries, versioned contracts shared in one place, an outbox in each service so
a state change and its events commit together, an inbox so a redelivered event is applied once.
Platform: containers on Kubernetes, a gateway at the edge, service discovery, health and
readiness probes, autoscaling, centralised logs, metrics and distributed traces. Reliability:
timeouts, retries with backoff, circuit breakers, dead-letter queues, and tests that kill a
service mid-flight and check nothing is lost or done twice.`,
  ),
  template(
    'mobile-backend',
    'Mobile app backend',
    `Product: the server side of an iOS and Android app. Sign-in with Apple, Google or email
and short-lived tokens refreshed in the background; user profiles and settings; a feed or
dashboard aggregated in one request (GraphQL or a backend-for-frontend) to save round trips on
slow networks; offline-first sync with conflict resolution; push notifications through APNs and
Firebase with user preferences and quiet hours; media uploads with resumable transfers and
thumbnails. Non-functional: API versions kept alive for old app releases, forced-upgrade switch,
crash and performance reporting, privacy labels and consent for tracking.`,
  ),
];
