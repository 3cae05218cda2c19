import { useState } from 'preact/hooks';
import { dataOf, problemOf, type GatewayClient } from '../api/gateway-client';
import { type CreateProject } from '../api/gateway-types';
import { type ShownProblem } from '../api/problem';
import { hrefOf } from '../routing/routes';
import { chosenWorkspace, workspaceChoiceOf } from '../workspaces/workspace-choice';
import { NumberField } from './number-field';
import { ProblemNotice } from './problem-notice';
import { WorkspaceField } from './workspace-field';

const MAX_REQUIREMENTS = 200_000;
const remembered = chosenWorkspace(sessionStorage);

/**
 * Submit requirements (`POST /v1/projects` with an Idempotency-Key, so a double click is one
 * project), into the workspace chosen here when the key acts in several.
 */
export function CreateProjectView(props: { client: GatewayClient; workspaces: readonly string[] }) {
  const { client } = props;
  const choice = workspaceChoiceOf(props.workspaces, remembered.load());
  const [workspace, setWorkspace] = useState(choice.kind === 'fixed' ? '' : choice.initial);
  const [name, setName] = useState('');
  const [requirements, setRequirements] = useState('');
  const [prdGate, setPrdGate] = useState(true);
  const [maxTokens, setMaxTokens] = useState('');
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const tokens = Number(maxTokens);
    const body: CreateProject = {
      name: name.trim(),
      requirements,
      options: {
        gpu: 'auto',
        gates: { prd_approval: prdGate, delivery_approval: false },
        ...(maxTokens.trim() === '' ? {} : { budget: { maxTokens: tokens } }),
      },
      ...(workspace.trim() === '' ? {} : { workspace: workspace.trim() }),
    };
    try {
      const created = await dataOf(
        client.POST('/v1/projects', { body, headers: { 'idempotency-key': idempotencyKey } }),
      );
      if (body.workspace !== undefined) remembered.save(body.workspace);
      location.hash = hrefOf({ page: 'project', id: created.id });
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="new-title">
      <h1 id="new-title">New project</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label for="project-name">Name</label>
        <input
          id="project-name"
          required
          maxLength={200}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <WorkspaceField choice={choice} value={workspace} onChange={setWorkspace} />
        <label for="requirements">Requirements (text or markdown)</label>
        <textarea
          id="requirements"
          required
          rows={12}
          maxLength={MAX_REQUIREMENTS}
          aria-describedby="requirements-size"
          value={requirements}
          onInput={(event) => setRequirements(event.currentTarget.value)}
        />
        <p id="requirements-size" class="meta" aria-live="polite">
          {requirements.length.toLocaleString()} / {MAX_REQUIREMENTS.toLocaleString()} characters
        </p>
        <fieldset>
          <legend>Options</legend>
          <label class="inline">
            <input
              type="checkbox"
              checked={prdGate}
              onChange={(event) => setPrdGate(event.currentTarget.checked)}
            />
            Stop for PRD approval before the rest runs
          </label>
          <NumberField
            id="max-tokens"
            label="Token budget (optional)"
            kind="count"
            value={maxTokens}
            onInput={setMaxTokens}
          />
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit project'}
        </button>
      </form>
      <ProblemNotice problem={problem} />
    </section>
  );
}
