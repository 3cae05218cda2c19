import { randomUUID } from 'node:crypto';
import { type AgentId, AllowlistChangedV1, createEnvelope } from '@agentbus/contracts';
import { type OutboxWriter } from '@agentbus/persistence';
import { type EntityManager } from 'typeorm';
import { type CapabilityMapping, type InstalledVersion, resolveSkills } from './resolve-skills';
import { parseSkillRule, type SkillRule } from './skill-rule';

/** An agent's allowlist as text rules. */
export interface AgentAllowlist {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

interface VersionRow {
  name: string;
  version: string;
  manifest: { capabilities: string[]; compatibleAgents: string[] };
  prompt: string;
}

/** Compiles stored rules (they were checked on the way in, so a bad one is skipped, not fatal). */
const compiled = (rules: readonly string[]): SkillRule[] =>
  rules.flatMap((text) => parseSkillRule(text) ?? []);

/** Allowlist rules, capability mappings and the resolution over them, in one transaction's view. */
export class AllowlistStore {
  constructor(private readonly tx: EntityManager) {}

  /** Every agent's rules (agents without rules are absent). */
  async allowlists(): Promise<Map<AgentId, AgentAllowlist>> {
    const rows: { agent: AgentId; effect: 'allow' | 'deny'; rule: string }[] = await this.tx.query(
      'SELECT agent, effect, rule FROM agent_skill_allowlist ORDER BY agent, effect, rule',
    );
    const lists = new Map<AgentId, { allow: string[]; deny: string[] }>();
    for (const row of rows) {
      const list = lists.get(row.agent) ?? { allow: [], deny: [] };
      list[row.effect].push(row.rule);
      lists.set(row.agent, list);
    }
    return lists;
  }

  async allowlistOf(agent: AgentId): Promise<AgentAllowlist> {
    return (await this.allowlists()).get(agent) ?? { allow: [], deny: [] };
  }

  async mappings(): Promise<CapabilityMapping[]> {
    return this.tx.query(
      'SELECT capability, skill, priority FROM capability_skills ORDER BY capability, priority DESC, skill',
    );
  }

  /** Replaces an agent's rules and announces what it may now use. */
  async replace(
    agent: AgentId,
    list: AgentAllowlist,
    by: string,
    outbox: OutboxWriter,
  ): Promise<void> {
    await this.tx.query('DELETE FROM agent_skill_allowlist WHERE agent = $1', [agent]);
    await this.insertRules(agent, list);
    await this.announce(agent, by, outbox);
  }

  /** Replaces every capability mapping. */
  async replaceMappings(mappings: readonly CapabilityMapping[]): Promise<void> {
    await this.tx.query('DELETE FROM capability_skills');
    if (mappings.length === 0) return;
    await this.tx.query(
      `INSERT INTO capability_skills (capability, skill, priority)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
      [
        mappings.map((m) => m.capability),
        mappings.map((m) => m.skill),
        mappings.map((m) => m.priority),
      ],
    );
  }

  /** Adds `skill` to the allow rules of each agent (config's SKILLS_NEW_SKILL_AGENTS). */
  async allowForAgents(
    skill: string,
    agents: readonly AgentId[],
    by: string,
    outbox: OutboxWriter,
  ): Promise<void> {
    for (const agent of agents) {
      await this.insertRules(agent, { allow: [skill], deny: [] });
      await this.announce(agent, by, outbox);
    }
  }

  /** The skill versions (with prompts) `agent` may use, most important first. */
  async resolve(agent: AgentId): Promise<(InstalledVersion & { prompt: string })[]> {
    const [list, mappings, rows] = await Promise.all([
      this.allowlistOf(agent),
      this.mappings(),
      this.tx.query('SELECT name, version, manifest, prompt FROM skill_versions') as Promise<
        VersionRow[]
      >,
    ]);
    const installed = rows.map((row) => ({
      name: row.name,
      version: row.version,
      capabilities: row.manifest.capabilities,
      compatibleAgents: row.manifest.compatibleAgents,
      prompt: row.prompt,
    }));
    const rules = { allow: compiled(list.allow), deny: compiled(list.deny) };
    return resolveSkills(agent, rules, installed, mappings);
  }

  /** What each agent with rules resolves to now, as `name@version` lists. */
  async resolveAll(): Promise<Map<AgentId, string[]>> {
    const resolved = new Map<AgentId, string[]>();
    for (const agent of (await this.allowlists()).keys()) {
      resolved.set(
        agent,
        (await this.resolve(agent)).map((s) => `${s.name}@${s.version}`),
      );
    }
    return resolved;
  }

  /** Announces every agent whose resolution differs from `before` (from {@link resolveAll}). */
  async announceChanges(
    before: ReadonlyMap<AgentId, readonly string[]>,
    by: string,
    outbox: OutboxWriter,
  ): Promise<void> {
    const after = await this.resolveAll();
    for (const agent of new Set([...before.keys(), ...after.keys()])) {
      if ((before.get(agent) ?? []).join() !== (after.get(agent) ?? []).join()) {
        await this.announce(agent, by, outbox);
      }
    }
  }

  private async insertRules(agent: AgentId, list: AgentAllowlist): Promise<void> {
    const rows = [
      ...list.allow.map((rule) => ['allow', rule] as const),
      ...list.deny.map((rule) => ['deny', rule] as const),
    ];
    if (rows.length === 0) return;
    await this.tx.query(
      `INSERT INTO agent_skill_allowlist (agent, effect, rule)
       SELECT $1, effect, rule FROM unnest($2::text[], $3::text[]) AS r (effect, rule)
       ON CONFLICT DO NOTHING`,
      [agent, rows.map(([effect]) => effect), rows.map(([, rule]) => rule)],
    );
  }

  private async announce(agent: AgentId, by: string, outbox: OutboxWriter): Promise<void> {
    const skills = (await this.resolve(agent)).map((skill) => skill.name);
    await outbox.add(
      createEnvelope(
        AllowlistChangedV1,
        { agent, skills, changedBy: by },
        { source: 'skills-registry', correlationId: randomUUID() },
      ),
    );
  }
}
