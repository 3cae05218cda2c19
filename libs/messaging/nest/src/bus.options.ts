import { type AppName } from '@agentbus/contracts';
import { type BusLogger, type MessagingMetricsHooks } from '@agentbus/messaging';

/** What {@link BusModule.forRoot} needs. */
export interface BusModuleOptions {
  /** The app this process is; its `@OnMessage` consumers must belong to it. Also the client name. */
  app: AppName;
  servers: string | readonly string[];
  /** `''` in production; a test namespace isolates test runs. */
  namespace: string;
  /** Provision every stream and this app's discovered durables before consuming (default false). */
  provision?: boolean;
  /** Replicas of each stream when provisioning (default 1; 3 on a 3-node cluster, DESIGN §17). */
  streamReplicas?: number;
  /** How long shutdown waits for running handlers before naking them (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Expected replicas of this app; sizes `max_ack_pending` when provisioning (default 16). */
  maxReplicas?: number;
  /** Defaults to Nest's `Logger` under the context `Bus`. */
  logger?: BusLogger;
  metrics?: MessagingMetricsHooks;
}
