import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentDefinition, MemoryPattern, SkillPrompt } from '@agentbus/agents';
import { fitSkills } from '@agentbus/agents';
import { SHIPPED_LABELED_SET } from '@agentbus/memory';

const skillsDir = join(__dirname, '../../../apps/skills-registry/skills');

// The registry's first-install allowlist (`agent: [skill, …]` lines), read as text: the bench
// counts what a fresh install puts in each prompt without starting the registry.
const allowlist = (): Map<string, string[]> => {
  const text = readFileSync(join(skillsDir, 'default-allowlist.yaml'), 'utf8');
  const rows = [...text.matchAll(/^\s+(\w+):\s*\[([^\]]*)\]/gm)];
  return new Map(
    rows.map((row) => [row[1] ?? '', (row[2] ?? '').split(',').map((name) => name.trim())]),
  );
};

/** The shipped skills a fresh install allows `agent`, fitted to the skills budget as the worker does. */
export const shippedSkillsFor = (agent: AgentDefinition): SkillPrompt[] => {
  const names = allowlist().get(agent.id) ?? [];
  const skills = names.filter(Boolean).map((name) => ({
    name,
    prompt: readFileSync(join(skillsDir, name, 'prompt.md'), 'utf8'),
  }));
  return fitSkills(skills).kept;
};

// Memory patterns of the stage's type from the shipped labeled set, three a prompt (what the
// original put into a prompt): memory content counts in the figure, as it will in production.
const PATTERNS_PER_PROMPT = 3;

/** Memory patterns a search for `agent`'s stage could return. */
export const memoryFor = (agent: AgentDefinition): MemoryPattern[] => {
  const ofType = SHIPPED_LABELED_SET.patterns.filter((pattern) => pattern.type === agent.stage);
  const patterns = ofType.length > 0 ? ofType : SHIPPED_LABELED_SET.patterns;
  return patterns
    .slice(0, PATTERNS_PER_PROMPT)
    .map((pattern) => ({ title: pattern.id, text: pattern.text }));
};
