export {
  createDataSource,
  type CreateDataSourceOptions,
  type EntityClass,
  type MigrationClass,
} from './data-source/create-data-source';
export {
  initializeDataSource,
  DatabaseConnectError,
  probeDatabase,
} from './data-source/initialize-data-source';
export { runMigrations, pendingMigrations } from './data-source/run-migrations';
export { runMigrateCli } from './data-source/run-migrate-cli';
export { SnakeNamingStrategy } from './data-source/snake-naming.strategy';
export { schemaOf } from './data-source/schema-of.util';
export { isTransientDatabaseError } from './errors/is-transient-database-error.util';
export { InboxEntry } from './inbox/inbox-entry.entity';
export { handleOnce, type InboxKey, type HandleOnceResult } from './inbox/handle-once';
export { OutboxEntry } from './outbox/outbox-entry.entity';
export { type OutboxHeaders } from './outbox/outbox-headers';
export { type OutboxWriter } from './outbox/outbox-writer';
export {
  withOutbox,
  withPipelinedOutbox,
  type OutboxWork,
  type SqlOutboxWork,
} from './outbox/with-outbox';
export {
  type CommittedMessage,
  DirectPublisher,
  directPublisherOf,
  disableDirectPublish,
  enableDirectPublish,
} from './outbox/direct-publisher';
export { SENT_ROWS, type SentRows } from './outbox/sent-rows';
export {
  inPipelinedTransaction,
  PipelinedTx,
  poolOf,
  queryAll,
  type SqlStatement,
  type SqlTx,
} from './tx/sql-tx';
export { inlineParams, sqlLiteral } from './tx/sql-literal';
export { MAX_ENVELOPE_BYTES } from './outbox/checked-envelope.util';
export { outboxChannel } from './outbox/outbox-channel.util';
export {
  eventsChannel,
  projectsOfEventsPayload,
  WAKE_ALL_PAYLOAD,
} from './notify/events-channel.util';
export {
  NotifyListener,
  type NotifyListenerOptions,
  type NotifySink,
} from './notify/notify-listener';
export { listenerClientConfig } from './relay/listener-client-config.util';
export { OutboxRelay, type OutboxRelayOptions } from './relay/outbox.relay';
export { type OutboxMessage, type PublishOutboxMessage } from './relay/outbox-message';
export { type RelayLogger } from './relay/relay-logger';
export { outboxSource, type RelaySource, sourceChannel } from './relay/relay-source';
export { pruneOutbox, pruneInbox, type PruneOptions } from './retention/prune';
export {
  pruneFinishedProjectRows,
  type FinishedProjectsSource,
  type ProjectRowsTable,
  type PruneFinishedOptions,
} from './retention/prune-finished-project-rows';
export {
  deleteProjectData,
  type DeleteProjectDataOptions,
  type TxQuery,
} from './retention/delete-project-data';
export { RETENTION_DEFAULTS } from './retention/retention-defaults';
export { PersistenceModule, type PersistenceModuleAsyncOptions } from './nest/persistence.module';
export { PersistenceHealth } from './nest/persistence.health';
export {
  PERSISTENCE_OPTIONS,
  type PersistenceModuleOptions,
} from './nest/persistence-module-options';
