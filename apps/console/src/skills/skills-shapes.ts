import { type paths } from '../api/gateway-api';
import { fieldsOf, listOf, textOf } from '../api/undocumented-json';

/** The agents whose skills an admin sets (the gateway's `:agent`; a wrong name is a type error). */
export type AgentId = paths['/v1/agents/{agent}/skills']['get']['parameters']['path']['agent'];
export const AGENTS = [
  'prd',
  'feature_tree',
  'plan',
  'architect',
  'uiux',
  'developer',
  'qa',
  'security',
  'tech_writer',
  'support',
  'product_manager',
  'delivery',
] as const satisfies readonly AgentId[];

/**
 * An installed skill: `GET /v1/skills` → `{ skills: [{ name, latest, versions }] }`, versions
 * newest first, each with its manifest's description.
 */
export interface InstalledSkill {
  readonly name: string;
  readonly latest: string;
  readonly description: string;
  readonly versions: readonly string[];
}

/** An agent's rules and the skills they give it: `GET /v1/agents/:agent/skills`. */
export interface AgentSkills {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
  readonly skills: readonly string[];
}

const versionOf = (raw: unknown): string =>
  typeof raw === 'string' ? raw : textOf(fieldsOf(raw)['version']);

export const installedSkillsOf = (answer: unknown): InstalledSkill[] =>
  listOf(fieldsOf(answer)['skills']).map((raw) => {
    const skill = fieldsOf(raw);
    const versions = listOf(skill['versions']);
    return {
      name: textOf(skill['name']),
      latest: textOf(skill['latest']),
      description: textOf(fieldsOf(versions[0])['description']),
      versions: versions.map(versionOf),
    };
  });

export const agentSkillsOf = (answer: unknown): AgentSkills => {
  const fields = fieldsOf(answer);
  const strings = (value: unknown) =>
    listOf(value).filter((v): v is string => typeof v === 'string');
  return {
    allow: strings(fields['allow']),
    deny: strings(fields['deny']),
    skills: listOf(fields['skills']).map((raw) => {
      const skill = fieldsOf(raw);
      return `${textOf(skill['name'])}@${textOf(skill['version'])}`;
    }),
  };
};

/** Rules as typed in a text box: comma- or line-separated, blanks dropped. */
export const rulesOf = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');
