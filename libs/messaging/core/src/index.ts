export { type Bus, type BusOptions, connectBus, probeBus } from './bus';
export {
  type BusHooks,
  type BusLogger,
  type HandleOutcome,
  type MessagingMetricsHooks,
  silentLogger,
} from './hooks';
export {
  BusConfigurationError,
  BusUnavailableError,
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  DeadLetterQueueNotFoundError,
  DurableNotFoundError,
  PublishFailedError,
  QueryFailedError,
  QueryTimeoutError,
} from './errors';
export {
  assertNamespace,
  consumerConfigOf,
  defaultQueueGroup,
  maxDeliveriesAdvisorySubject,
  streamConfigOf,
} from './names';
export { type ProvisionResult, provisionConsumers, provisionStreams } from './provision';
export { Publisher, type PublishResult, type StoredTrace } from './publisher';
export {
  consume,
  type ConsumeOptions,
  type ConsumerHandle,
  type DeliveryContext,
  type MessageHandler,
  type StopResult,
} from './consumer';
export { consumeByPriority } from './priority-consumer';
export { PullRejectedError } from './pull-request';
export { backoffFor, type Outcome, outcomeOf, type RetryPolicy } from './settle';
export { deadLetterEnvelope, deadLetterId, type DeadLetterInput } from './dead-letter';
export {
  type DeadLetterFilter,
  getDeadLetter,
  listDeadLetters,
  readDeadLetters,
  replayDeadLetter,
  replayHeaders,
  replayMessageId,
  type ReplayResult,
  type StoredDeadLetter,
  subjectMatches,
  whyNotReplayable,
} from './dead-letter-queue';
export { EXHAUSTED_REASON } from './advisories';
export { headersToRecord, natsHeaderGetter, natsHeaderSetter } from './headers';
export {
  answer,
  ask,
  errorReply,
  QUERY_ERROR_CODES,
  type QueryHandler,
  type QueryRequestOf,
  type QueryResponder,
  type QueryResponseInputOf,
  type QueryResponseOf,
} from './query';
