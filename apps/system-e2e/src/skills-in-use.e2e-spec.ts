import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';

const TERMINAL = ['completed', 'failed', 'cancelled'];
const NO_GATES = { gates: { prd_approval: false, delivery_approval: false } };
const SHIPPED = join(__dirname, '../../skills-registry/skills');

/** A shipped skill as the registry installs it: its version and the prompt an agent is given. */
const shipped = (name: string) => {
  const manifest = JSON.parse(readFileSync(join(SHIPPED, name, 'skill.json'), 'utf8')) as {
    version: string;
    entry: string;
  };
  const prompt = readFileSync(join(SHIPPED, name, manifest.entry), 'utf8').trim();
  return { name, version: manifest.version, prompt };
};

/** What the worker records on an artifact's `skills` column (cpu-agent-worker skills-used.ts). */
interface SkillsUsed {
  status: string;
  skills: { name: string; version: string }[];
}

/**
 * The shipped skills reach the agents the default allowlist names, through the whole stack:
 * registry (install + allowlist) → worker (resolve, prompt) → artifact and recorded LLM call.
 */
describe('skills in use end to end', () => {
  const architecture = shipped('system-architecture');
  const owasp = shipped('security-owasp');
  const apiDocs = shipped('api-documentation');
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    stack = await startStack(testNamespace());
    api = apiOf(stack);
  }, 300_000);

  afterAll(() => stack?.stop());

  const completed = async (): Promise<string> => {
    const id = await api.submit(NO_GATES);
    const done = await api.waitFor(id, (v) => TERMINAL.includes(v.state), 240_000);
    expect(done.state).toBe('completed');
    return id;
  };
  /** The skills recorded on the stage's artifact (version 1: no gate re-ran it). */
  const skillsOn = async (id: string, stage: string): Promise<SkillsUsed> => {
    const { rows } = await stack.pg.query<{ skills: SkillsUsed | null }>(
      `SELECT skills FROM ${stack.schemaOf('cpu-agent-worker')}.artifacts
       WHERE project_id = $1 AND stage = $2 ORDER BY version LIMIT 1`,
      [id, stage],
    );
    expect(rows).toHaveLength(1);
    return rows[0]?.skills ?? { status: 'missing', skills: [] };
  };
  /** The system prompt of every LLM call the stage made (first attempt and any repair). */
  const systemPromptsOf = async (id: string, stage: string): Promise<string[]> => {
    const { rows } = await stack.pg.query<{ prompt: { system: string } | null }>(
      `SELECT prompt FROM ${stack.schemaOf('cpu-agent-worker')}.llm_calls
       WHERE project_id = $1 AND stage = $2 ORDER BY attempt, step`,
      [id, stage],
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((row) => row.prompt?.system ?? '');
  };

  it('gives the architect system-architecture and the security agent security-owasp, and the prd agent none', async () => {
    const id = await completed();

    expect(await skillsOn(id, 'architecture')).toEqual({
      status: 'resolved',
      skills: expect.arrayContaining([{ name: architecture.name, version: architecture.version }]),
    });
    expect(await skillsOn(id, 'security')).toEqual({
      status: 'resolved',
      skills: [{ name: owasp.name, version: owasp.version }],
    });
    for (const system of await systemPromptsOf(id, 'architecture')) {
      expect(system).toContain(`## Skill: ${architecture.name}\n${architecture.prompt}`);
    }
    for (const system of await systemPromptsOf(id, 'security')) {
      expect(system).toContain(`## Skill: ${owasp.name}\n${owasp.prompt}`);
      expect(system).not.toContain(architecture.prompt);
    }

    // The default allowlist names no skill for the prd agent: nothing reaches its prompt.
    expect(await skillsOn(id, 'prd')).toEqual({ status: 'resolved', skills: [] });
    for (const system of await systemPromptsOf(id, 'prd')) {
      expect(system).not.toContain('# Skills');
      for (const skill of [architecture, owasp, apiDocs]) {
        expect(system).not.toContain(skill.prompt);
      }
    }
  }, 300_000);

  it('stops giving a skill to an agent once its allowlist denies it', async () => {
    const { status, body } = await api.call('PUT', '/v1/agents/architect/skills', {
      allow: [architecture.name, apiDocs.name],
      deny: [architecture.name],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ skills: [{ name: apiDocs.name, version: apiDocs.version }] });

    const id = await completed();

    expect(await skillsOn(id, 'architecture')).toEqual({
      status: 'resolved',
      skills: [{ name: apiDocs.name, version: apiDocs.version }],
    });
    for (const system of await systemPromptsOf(id, 'architecture')) {
      expect(system).not.toContain(architecture.prompt);
      expect(system).toContain(`## Skill: ${apiDocs.name}\n${apiDocs.prompt}`);
    }
    // Other agents keep theirs: the change is the architect's alone.
    expect((await skillsOn(id, 'security')).skills).toEqual([
      { name: owasp.name, version: owasp.version },
    ]);
  }, 300_000);

  it('takes the security agent its skill when an imported permissions document denies it', async () => {
    const exported = await api.call('GET', '/v1/agents/skills.yaml');
    expect(exported.status).toBe(200);
    const yaml = String(exported.body);
    expect(yaml).toContain('security-owasp');
    // The document as exported, with one deny rule added for the security agent.
    const edited = yaml.replace(
      /(\n {2}security:\n {4}allow:\n {6}- security-owasp\n {4}deny:) \[\]/,
      '$1\n      - security-owasp',
    );
    expect(edited).not.toBe(yaml);
    const imported = await api.call('PUT', '/v1/agents/skills.yaml', { yaml: edited });
    expect(imported.status).toBe(200);
    const refused = await api.call('PUT', '/v1/agents/skills.yaml', {
      yaml: `${edited}  wizard: {}\n`,
    });
    expect(refused.status).toBe(400);

    const id = await completed();

    expect(await skillsOn(id, 'security')).toEqual({ status: 'resolved', skills: [] });
    for (const system of await systemPromptsOf(id, 'security')) {
      expect(system).not.toContain(owasp.prompt);
    }
  }, 300_000);
});
