import { z } from 'zod';
import { type HttpClient } from '../http/http-client';

// Client-side views of the gateway's skills answers: only what the CLI shows, lenient on additions.

const SkillVersion = z.object({
  version: z.string(),
  sha256: z.string(),
  description: z.string(),
  capabilities: z.array(z.string()),
  installedBy: z.string(),
  installedAt: z.string(),
});
export const SkillSummary = z.object({
  name: z.string(),
  latest: z.string(),
  versions: z.array(SkillVersion),
});
export type SkillSummary = z.infer<typeof SkillSummary>;
const SkillList = z.object({ skills: z.array(SkillSummary) });
export const SkillDetail = SkillSummary.extend({
  files: z.array(
    z.object({ version: z.string(), path: z.string(), sha256: z.string(), sizeBytes: z.number() }),
  ),
  agents: z.array(z.string()),
});
export type SkillDetail = z.infer<typeof SkillDetail>;
const Installed = z.object({
  status: z.enum(['installed', 'unchanged']),
  name: z.string(),
  version: z.string(),
  sha256: z.string(),
  files: z.number(),
});
export type Installed = z.infer<typeof Installed>;
const InstalledFromGit = Installed.extend({ commit: z.string() });
export type InstalledFromGit = z.infer<typeof InstalledFromGit>;
const Uninstalled = z.object({ name: z.string(), versions: z.array(z.string()) });
export const AgentSkills = z.object({
  agent: z.string(),
  allow: z.array(z.string()),
  deny: z.array(z.string()),
  skills: z.array(z.object({ name: z.string(), version: z.string() })),
});
export type AgentSkills = z.infer<typeof AgentSkills>;

const PermissionsImported = z.object({ agents: z.number(), capabilities: z.number() });
export type PermissionsImported = z.infer<typeof PermissionsImported>;
const PERMISSIONS = '/v1/agents/skills.yaml';

const skill = (ref: string) => `/v1/skills/${encodeURIComponent(ref)}`;
const agentSkills = (agent: string) => `/v1/agents/${encodeURIComponent(agent)}/skills`;

/** The gateway's skills routes. */
export class SkillsApi {
  constructor(private readonly http: HttpClient) {}

  list(): Promise<SkillSummary[]> {
    return this.http.json('GET', '/v1/skills', SkillList).then((answer) => answer.skills);
  }

  get(name: string): Promise<SkillDetail> {
    return this.http.json('GET', skill(name), SkillDetail);
  }

  install(archive: Buffer): Promise<Installed> {
    return this.http.json('POST', '/v1/skills', Installed, {
      body: { archive: archive.toString('base64') },
    });
  }

  /** Installs from a git repository on a host the registry allows (SKILLS_GIT_HOSTS). */
  installGit(url: string, ref: string | undefined): Promise<InstalledFromGit> {
    return this.http.json('POST', '/v1/skills/git', InstalledFromGit, {
      body: { url, ...(ref === undefined ? {} : { ref }) },
    });
  }

  uninstall(ref: string): Promise<z.infer<typeof Uninstalled>> {
    return this.http.json('DELETE', skill(ref), Uninstalled);
  }

  ofAgent(agent: string): Promise<AgentSkills> {
    return this.http.json('GET', agentSkills(agent), AgentSkills);
  }

  setForAgent(agent: string, rules: { allow: string[]; deny: string[] }): Promise<AgentSkills> {
    return this.http.json('PUT', agentSkills(agent), AgentSkills, { body: rules });
  }

  /** Every allowlist and capability mapping as the YAML document `importPermissions` takes. */
  exportPermissions(): Promise<string> {
    return this.http.text(PERMISSIONS, 'application/yaml');
  }

  /** Replaces every allowlist and mapping (all or nothing); the YAML travels in a JSON body. */
  importPermissions(yaml: string): Promise<PermissionsImported> {
    return this.http.json('PUT', PERMISSIONS, PermissionsImported, { body: { yaml } });
  }
}
