import { useEffect, useState } from 'preact/hooks';
import { problemOf, type GatewayClient } from '../api/gateway-client';
import { type ShownProblem } from '../api/problem';
import { undocumentedJson } from '../api/undocumented-json';
import { can, type Role } from '../auth/roles';
import {
  AGENTS,
  type AgentId,
  agentSkillsOf,
  installedSkillsOf,
  rulesOf,
} from '../skills/skills-shapes';
import { ProblemNotice } from './problem-notice';
import { useLoad } from './use-load';
import { ActionOutcome, LoadStatus } from './call-status';

/** A file as base64 (the gateway takes a skill archive as a base64 string in JSON). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Skills: what is installed, and which skills each agent may use. Everyone may read; an admin
 * installs a skill archive and sets an agent's allow/deny rules (hidden from other roles, and
 * refused by the gateway anyway).
 */
export function SkillsView({ client, role }: { client: GatewayClient; role: Role }) {
  const admin = can(role, 'administer');
  const installed = useLoad(
    async () => installedSkillsOf(await undocumentedJson(client.GET('/v1/skills'))),
    'skills',
  );
  const [agent, setAgent] = useState<AgentId>('qa');
  const rules = useLoad(
    async () =>
      agentSkillsOf(
        await undocumentedJson(
          client.GET('/v1/agents/{agent}/skills', { params: { path: { agent } } }),
        ),
      ),
    agent,
  );
  const [allow, setAllow] = useState('');
  const [deny, setDeny] = useState('');
  const [file, setFile] = useState<File | undefined>(undefined);
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setAllow(rules.data?.allow.join(', ') ?? '');
    setDeny(rules.data?.deny.join(', ') ?? '');
  }, [rules.data]);

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setProblem(undefined);
    setDone('');
    try {
      setDone(await what());
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const install = (event: Event) => {
    event.preventDefault();
    if (file === undefined) return;
    void act(async () => {
      const answer = await undocumentedJson(
        client.POST('/v1/skills', { body: { archive: await base64Of(file) } }),
      );
      installed.reload();
      const fields = answer as { status?: unknown; name?: unknown; version?: unknown };
      return `Skill ${String(fields.name)}@${String(fields.version)}: ${String(fields.status)}.`;
    });
  };

  const saveRules = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      await undocumentedJson(
        client.PUT('/v1/agents/{agent}/skills', {
          params: { path: { agent } },
          body: { allow: rulesOf(allow), deny: rulesOf(deny) },
        }),
      );
      rules.reload();
      return `Skills of ${agent} saved.`;
    });
  };

  return (
    <section aria-labelledby="skills-title">
      <h1 id="skills-title">Skills</h1>
      <LoadStatus loaded={installed} what="skills" />
      {installed.data?.length === 0 && <p class="empty">No skill is installed.</p>}
      {installed.data !== undefined && installed.data.length > 0 && (
        <table class="skills">
          <caption class="visually-hidden">Installed skills</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Latest</th>
              <th scope="col">Description</th>
              <th scope="col">Versions</th>
            </tr>
          </thead>
          <tbody>
            {installed.data.map((skill) => (
              <tr key={skill.name} data-skill={skill.name}>
                <td>{skill.name}</td>
                <td>{skill.latest}</td>
                <td>{skill.description}</td>
                <td>{skill.versions.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && (
        <form class="card" onSubmit={install}>
          <label for="skill-archive">Install a skill (.tgz, .tar or .zip)</label>
          <input
            id="skill-archive"
            type="file"
            accept=".tgz,.tar.gz,.tar,.zip"
            onChange={(event) => setFile(event.currentTarget.files?.[0])}
          />
          <button type="submit" disabled={busy || file === undefined}>
            Install
          </button>
        </form>
      )}
      <h2>Skills per agent</h2>
      <div class="filters">
        <label for="skills-agent">Agent</label>
        <select
          id="skills-agent"
          value={agent}
          onChange={(event) => setAgent(event.currentTarget.value as AgentId)}
        >
          {AGENTS.map((name) => (
            <option key={name} value={name}>
              {name.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </div>
      <ProblemNotice problem={rules.problem} />
      {rules.data !== undefined && (
        <p class="meta" data-agent-skills={agent}>
          {agent.replace(/_/g, ' ')} uses:{' '}
          {rules.data.skills.length === 0 ? 'no skill' : rules.data.skills.join(', ')}
        </p>
      )}
      {rules.data !== undefined && !admin && (
        <p class="meta">
          Allow: {rules.data.allow.join(', ') || 'nothing'} · Deny:{' '}
          {rules.data.deny.join(', ') || 'nothing'} — an admin changes these.
        </p>
      )}
      {rules.data !== undefined && admin && (
        <form class="card" onSubmit={saveRules}>
          <label for="allow-rules">Allow (name, name@range, * or prefix-*; comma-separated)</label>
          <input id="allow-rules" value={allow} onInput={(e) => setAllow(e.currentTarget.value)} />
          <label for="deny-rules">Deny (wins over allow)</label>
          <input id="deny-rules" value={deny} onInput={(e) => setDeny(e.currentTarget.value)} />
          <button type="submit" disabled={busy}>
            Save skills of {agent.replace(/_/g, ' ')}
          </button>
        </form>
      )}
      <ActionOutcome done={done} problem={problem} />
    </section>
  );
}
