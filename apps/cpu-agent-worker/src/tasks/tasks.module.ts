import { createProvider } from '@agentbus/llm';
import { PINO_LOGGER } from '@agentbus/observability';
import { type DynamicModule, Module } from '@nestjs/common';
import { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { type CpuWorkerConfig } from '../config';
import { AgentMemoryClient } from '../memory/agent-memory.client';
import { MEMORY_SEARCH_SETTINGS, memorySettingsOf } from '../memory/memory-settings';
import { AgentSkillsClient } from '../skills/agent-skills.client';
import { SKILLS_SETTINGS, skillsSettingsOf } from '../skills/skills-settings';
import { CpuTaskHandler } from './cpu-task.handler';
import { TaskCancellations } from './task-cancellations';
import { TaskStartedPublisher } from './task-started.publisher';
import { withSimulatedLatency } from '../llm-calls/simulated-latency';
import { WorkerMetrics } from './worker-metrics';
import { WORKER_RUNTIME, type WorkerRuntime } from './worker-runtime';

/** The CPU task consumer and what it runs with. */
@Module({})
export class TasksModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    return {
      module: TasksModule,
      providers: [
        CpuTaskHandler,
        AgentSkillsClient,
        { provide: SKILLS_SETTINGS, useValue: skillsSettingsOf(config) },
        AgentMemoryClient,
        { provide: MEMORY_SEARCH_SETTINGS, useValue: memorySettingsOf(config) },
        TaskCancellations,
        TaskStartedPublisher,
        {
          provide: WORKER_RUNTIME,
          inject: [Registry, PINO_LOGGER],
          useFactory: (registry: Registry, logger: Logger): WorkerRuntime => {
            const { provider, pricing, note } = createProvider(
              config,
              config.LLM_OFFLINE_ARTIFACT_BYTES === undefined
                ? {}
                : { offlineArtifactBytes: config.LLM_OFFLINE_ARTIFACT_BYTES },
            );
            const log = logger.child({ context: 'Tasks' });
            log.info(
              { provider: provider.name, model: provider.model },
              note ?? 'LLM provider ready',
            );
            return {
              provider:
                provider.name === 'offline'
                  ? withSimulatedLatency(provider, config.LLM_OFFLINE_LATENCY_MS)
                  : provider,
              pricing,
              metrics: new WorkerMetrics(registry),
              logger: log,
              orchestratorSchema: config.ORCHESTRATOR_SCHEMA,
              gpuSchema: config.GPU_SCHEMA,
              maxRepairs: config.AGENT_MAX_REPAIRS,
            };
          },
        },
      ],
    };
  }
}
