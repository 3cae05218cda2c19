export { runService, type ServiceSpec } from './run-service';
export { ServiceCoreModule } from './service-core.module';
export { type ServiceCoreOptions, SERVICE_CORE_OPTIONS } from './service-core.options';
export { serviceEnv, type ServiceConfig } from './service-env';
export { handleMessageOnce } from './handle-message-once';
export { currentTraceHeaders } from './trace-headers.util';
export { checkChroma } from './chroma-health';
export { startTelemetryFromEnv } from './telemetry-from-env';
export {
  ProjectDataRetention,
  ProjectDataRetentionModule,
  type ProjectRetentionRule,
  type ProjectRetentionSettings,
} from './project-data-retention';
export { eraseProjectData, type EraseProjectDataOptions } from './erase-project-data';
export { keepDays, retentionEnv } from './retention-env';
