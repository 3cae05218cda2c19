import { type AgentId } from '@agentbus/contracts';
import Ajv, { type ErrorObject } from 'ajv';
import { SkillRejectedError } from '../bundle/skill-rejected.error';
import schema from './skill-manifest.schema.json';

/** A validated `skill.json` (see skill-manifest.schema.json, the published schema). */
export interface SkillManifest {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly author: string;
  readonly entry: string;
  readonly capabilities: readonly string[];
  readonly compatibleAgents: readonly (AgentId | '*')[];
  readonly license: string;
  readonly tags?: readonly string[];
  readonly permissions?: readonly 'prompt'[];
}

/** The published JSON Schema of `skill.json`. */
export const SKILL_MANIFEST_SCHEMA = schema;

const validate = new Ajv({ allErrors: true, strict: true }).compile<SkillManifest>(schema);

/** `/capabilities/0` → `capabilities[0]`; a missing or unknown property is named by itself. */
const fieldOf = (error: ErrorObject): string => {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  if (child === undefined) return path === '' ? '(root)' : path;
  return path === '' ? child : `${path}.${child}`;
};

// Plain words for the patterns, instead of the regular expression itself.
const PATTERN_HINTS: Record<string, string> = {
  name: "1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit (no path characters)",
  version: 'a semantic version such as 1.2.0',
  entry: 'a relative .md or .txt path inside the skill folder (no .., no leading /)',
  capabilities: "lower-case letters, digits and '-'",
  tags: "lower-case letters, digits and '-'",
};

const describe = (error: ErrorObject): string => {
  const field = fieldOf(error);
  switch (error.keyword) {
    case 'pattern':
      return `${field}: must be ${PATTERN_HINTS[field.replace(/\[\d+\]$/, '')] ?? 'well-formed'}`;
    case 'required':
      return `${field}: is required`;
    case 'additionalProperties':
      return `${field}: is not a manifest field`;
    case 'enum':
      return `${field}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default:
      return `${field}: ${error.message ?? 'is invalid'}`;
  }
};

/**
 * Parses and validates `skill.json`.
 * @throws SkillRejectedError (`invalid-manifest`) naming every invalid field.
 */
export function parseManifest(bytes: Buffer): SkillManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SkillRejectedError(
      'invalid-manifest',
      `skill.json is not valid JSON (${(error as Error).message})`,
    );
  }
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new SkillRejectedError(
      'invalid-manifest',
      `skill.json is invalid: ${[...new Set(problems)].join('; ')}`,
    );
  }
  return raw;
}
