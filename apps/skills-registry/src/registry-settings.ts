import { type AgentId } from '@agentbus/contracts';
import { type BundleLimits } from './bundle/skill-bundle';
import { type GitSettings } from './git/git-source';

/** How the registry installs and grants, from its configuration. */
export interface RegistrySettings {
  readonly limits: BundleLimits;
  /** Agents a newly installed skill is allowed to (none by default). */
  readonly newSkillAgents: readonly AgentId[];
  /** The shipped skills' folder, installed at start; undefined to skip. */
  readonly shippedDir: string | undefined;
  /** Where git installs may come from (none by default). */
  readonly git: GitSettings;
}

/** Injection token of the {@link RegistrySettings}. */
export const REGISTRY_SETTINGS = Symbol('REGISTRY_SETTINGS');
