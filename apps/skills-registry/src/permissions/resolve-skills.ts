import { type AgentId } from '@agentbus/contracts';
import { compareVersions, parseVersion } from '../semver/semver';
import { type SkillRule } from './skill-rule';

/** An installed version, as the resolver needs it. */
export interface InstalledVersion {
  readonly name: string;
  readonly version: string;
  readonly capabilities: readonly string[];
  readonly compatibleAgents: readonly string[];
}

/** A capability → skill mapping: the higher priority serves a capability first. */
export interface CapabilityMapping {
  readonly capability: string;
  readonly skill: string;
  readonly priority: number;
}

/** An agent's rules. */
export interface AgentRules {
  readonly allow: readonly SkillRule[];
  readonly deny: readonly SkillRule[];
}

const newestFirst = (a: InstalledVersion, b: InstalledVersion): number => {
  const [va, vb] = [parseVersion(a.version), parseVersion(b.version)];
  return va && vb ? compareVersions(vb, va) : 0;
};

/**
 * The skill versions `agent` may use, most important first: per skill the newest version that an
 * allow rule matches, no deny rule matches and whose manifest lists the agent (or `*`). Order:
 * highest mapped priority, then name. A skill is left out when every one of its capabilities is
 * mapped and already served by a kept skill with a higher priority for it. No rule, no skill:
 * mappings order and prune, they never grant.
 */
export function resolveSkills<T extends InstalledVersion>(
  agent: AgentId,
  rules: AgentRules,
  installed: readonly T[],
  mappings: readonly CapabilityMapping[],
): T[] {
  const chosen = new Map<string, T>();
  for (const candidate of [...installed].sort(newestFirst)) {
    if (chosen.has(candidate.name)) continue;
    const { name, version } = candidate;
    const usable =
      (candidate.compatibleAgents.includes('*') || candidate.compatibleAgents.includes(agent)) &&
      rules.allow.some((rule) => rule.matches(name, version)) &&
      !rules.deny.some((rule) => rule.matches(name, version));
    if (usable) chosen.set(name, candidate);
  }
  const priorityOf = (skill: string, capability: string): number | undefined =>
    mappings.find((m) => m.skill === skill && m.capability === capability)?.priority;
  const rank = (skill: InstalledVersion): number =>
    Math.max(0, ...skill.capabilities.map((c) => priorityOf(skill.name, c) ?? 0));
  const ordered = [...chosen.values()].sort(
    (a, b) => rank(b) - rank(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const served = new Map<string, number>(); // capability → priority of the skill serving it
  const kept: T[] = [];
  for (const skill of ordered) {
    const redundant = skill.capabilities.every((capability) => {
      const mine = priorityOf(skill.name, capability);
      const best = served.get(capability);
      return mine !== undefined && best !== undefined && best > mine;
    });
    if (redundant) continue;
    kept.push(skill);
    for (const capability of skill.capabilities) {
      const mine = priorityOf(skill.name, capability);
      if (mine !== undefined && mine > (served.get(capability) ?? -Infinity)) {
        served.set(capability, mine);
      }
    }
  }
  return kept;
}
