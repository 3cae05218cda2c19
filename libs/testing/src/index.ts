export { eventually, type EventuallyOptions } from './eventually';
export { freePort } from './free-port';
export { NATS_SERVER_BIN, startPrivateNats } from './private-nats';
export { tcpGate, type TcpGate } from './tcp-gate';
export { deleteNamespaceStreams, testNamespace } from './nats';
export { deleteChromaCollections, memoryCollectionPrefix } from './chroma';
export { createTestSchema, urlWithSearchPath, type TestSchema } from './postgres';
export { migrateOwnerSchema, type ReadModelOwnerApp } from './owner-schema';
export {
  startProcess,
  stopAllProcesses,
  type ExitResult,
  type ProcessHandle,
  type StartProcessOptions,
  type WaitForHttpOptions,
} from './process';
export {
  chromaUrl,
  natsUrl,
  postgresUrl,
  resolveService,
  ServiceUnavailableError,
  type ServiceSpec,
} from './services';
export { builtApp, startApp, type RunningApp } from './system/start-app';
export { schemaOf, stackWiring, startStack, type Stack } from './system/start-stack';
