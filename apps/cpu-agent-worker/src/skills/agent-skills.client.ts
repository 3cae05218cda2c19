import {
  type AgentId,
  AllowlistChangedV1,
  SkillInstalledV1,
  SkillsResolveV1,
  wireSubject,
} from '@agentbus/contracts';
import { fitSkills } from '@agentbus/agents';
import { ask, type Bus } from '@agentbus/messaging';
import { BUS } from '@agentbus/messaging-nest';
import { PINO_LOGGER } from '@agentbus/observability';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Logger } from 'pino';
import { type Subscription } from '@nats-io/transport-node';
import { OutageLog } from '../dependencies/outage-log';
import { SKILLS_SETTINGS, type SkillsSettings } from './skills-settings';
import { type SkillsUsed } from './skills-used';

type ResolvedSkill = Awaited<ReturnType<typeof ask<typeof SkillsResolveV1>>>['skills'][number];

/** An agent's skills for one task: the prompts to add and what goes on the artifact. */
export interface AgentSkills {
  readonly prompts: readonly { name: string; prompt: string }[];
  readonly used: SkillsUsed;
}

/**
 * Asks the skills-registry which skills an agent may use (`agentbus.rpc.v1.skills.resolve`) and
 * keeps the answer per agent until `skill.installed` or `allowlist.changed` says it changed (a
 * plain subscription per replica: every worker must hear it, unlike a shared durable) or
 * `WORKER_SKILLS_CACHE_TTL_MS` passes. The registry enforces the allowlist; the worker never
 * widens it. A registry that does not answer within `WORKER_SKILLS_RESOLVE_TIMEOUT_MS` yields no
 * skills and says so, and the task goes on.
 */
@Injectable()
export class AgentSkillsClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new Map<AgentId, { skills: ResolvedSkill[]; at: number }>();
  private readonly subscriptions: Subscription[] = [];
  private readonly outage: OutageLog;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(PINO_LOGGER) logger: Logger,
    @Inject(SKILLS_SETTINGS) private readonly settings: SkillsSettings,
  ) {
    this.outage = new OutageLog(logger, 'skills-registry');
  }

  onApplicationBootstrap(): void {
    for (const event of [SkillInstalledV1, AllowlistChangedV1]) {
      this.subscriptions.push(
        this.bus.nc.subscribe(wireSubject(this.bus.namespace, event.subject), {
          callback: () => this.cache.clear(),
        }),
      );
    }
  }

  onApplicationShutdown(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  /** The agent's allowed skills within the skills budget, or none (and why) if the registry is down. */
  async forAgent(agent: AgentId, correlationId: string): Promise<AgentSkills> {
    let skills: ResolvedSkill[];
    try {
      skills = await this.resolve(agent, correlationId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Every task says so on its artifact; the log says it once per outage.
      this.outage.failed(error, { agent });
      return { prompts: [], used: { status: 'registry-unavailable', reason, skills: [] } };
    }
    const { kept, skipped } = fitSkills(skills, this.settings.budgetTokens);
    return {
      prompts: kept.map(({ name, prompt }) => ({ name, prompt })),
      used: {
        status: 'resolved',
        skills: kept.map(({ name, version }) => ({ name, version })),
        ...(skipped.length > 0
          ? { overBudget: skipped.map(({ name, version }) => ({ name, version })) }
          : {}),
      },
    };
  }

  private async resolve(agent: AgentId, correlationId: string): Promise<ResolvedSkill[]> {
    const cached = this.cache.get(agent);
    if (cached && Date.now() - cached.at < this.settings.cacheTtlMs) return cached.skills;
    const at = Date.now();
    const { skills } = await ask(
      this.bus,
      SkillsResolveV1,
      { agent },
      { source: 'cpu-agent-worker', correlationId },
      { timeoutMs: this.settings.resolveTimeoutMs },
    );
    this.outage.answered();
    this.cache.set(agent, { skills, at });
    return skills;
  }
}
