import { type AgentId, PermanentError } from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stringify } from 'yaml';
import { z } from 'zod';
import { type AgentAllowlist, AllowlistStore } from './allowlist.store';
import { type CapabilityMapping } from './resolve-skills';
import { Allowlist } from './permissions-document';
import { PermissionsYamlError, readPermissionsYaml } from './read-permissions-yaml';

/** An allowlist or mapping that cannot be stored; names the entry. */
export class InvalidPermissionsError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPermissionsError';
  }
}

const problemsOf = (error: z.ZodError): string =>
  error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');

/** Who may use which skill: per-agent allowlists and capability mappings, with YAML in and out. */
@Injectable()
export class PermissionsService {
  constructor(private readonly db: DataSource) {}

  allowlistOf(agent: AgentId): Promise<AgentAllowlist> {
    return new AllowlistStore(this.db.manager).allowlistOf(agent);
  }

  /** The agent's rules with the skill versions they resolve to now. */
  async view(agent: AgentId) {
    const store = new AllowlistStore(this.db.manager);
    const [list, resolved] = await Promise.all([store.allowlistOf(agent), store.resolve(agent)]);
    return {
      agent,
      allow: [...list.allow],
      deny: [...list.deny],
      skills: resolved.map(({ name, version }) => ({ name, version })),
    };
  }

  /**
   * Replaces the agent's rules; workers hear it through `allowlist.changed`.
   * @throws InvalidPermissionsError naming each bad rule.
   */
  async setAllowlist(agent: AgentId, input: unknown, by: string): Promise<AgentAllowlist> {
    const parsed = Allowlist.safeParse(input);
    if (!parsed.success) throw new InvalidPermissionsError(problemsOf(parsed.error));
    await withOutbox(this.db, (tx, outbox) =>
      new AllowlistStore(tx).replace(agent, parsed.data, by, outbox),
    );
    return parsed.data;
  }

  /** Every allowlist and mapping as YAML. */
  async exportYaml(): Promise<string> {
    const store = new AllowlistStore(this.db.manager);
    const [lists, capabilities] = await Promise.all([store.allowlists(), store.mappings()]);
    return stringify({ agents: Object.fromEntries(lists), capabilities });
  }

  /**
   * Replaces every allowlist (agents absent from the document lose theirs) and every mapping, in
   * one transaction; announces each agent whose rules were or are now non-empty.
   * @returns how many agents have rules and how many mappings there are now.
   * @throws InvalidPermissionsError naming the line and field of each problem; nothing changes.
   */
  async importYaml(text: string, by: string): Promise<{ agents: number; capabilities: number }> {
    let document;
    try {
      document = readPermissionsYaml(text);
    } catch (error) {
      if (error instanceof PermissionsYamlError) throw new InvalidPermissionsError(error.message);
      throw error;
    }
    const { agents, capabilities } = document;
    await withOutbox(this.db, async (tx, outbox) => {
      const store = new AllowlistStore(tx);
      const before = await store.allowlists();
      await store.replaceMappings(capabilities as CapabilityMapping[]);
      const touched = new Set<AgentId>([...before.keys(), ...(Object.keys(agents) as AgentId[])]);
      for (const agent of touched) {
        await store.replace(agent, agents[agent] ?? { allow: [], deny: [] }, by, outbox);
      }
    });
    const withRules = Object.values(agents).filter(
      (list) => list.allow.length + list.deny.length > 0,
    );
    return { agents: withRules.length, capabilities: capabilities.length };
  }
}
