import { startTelemetryFromEnv } from '@agentbus/service-runtime';

// First import of main.ts: tracing must be set up before anything it instruments is loaded.
startTelemetryFromEnv('master-orchestrator');
