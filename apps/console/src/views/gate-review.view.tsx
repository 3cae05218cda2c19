import { useState } from 'preact/hooks';
import { dataOf, problemOf, type GatewayClient } from '../api/gateway-client';
import { type Decision, isGateName } from '../api/gateway-types';
import { type ShownProblem } from '../api/problem';
import { ArtifactBody } from '../artifacts/artifact-body';
import { can, type Role } from '../auth/roles';
import { hrefOf } from '../routing/routes';
import { ProblemNotice } from './problem-notice';
import { useLoad } from './use-load';

const DECISIONS: { value: Decision; label: string }[] = [
  { value: 'approve', label: 'Approve' },
  { value: 'request_changes', label: 'Request changes' },
  { value: 'reject', label: 'Reject (the project fails)' },
];

/** A gate with the artifact it asks about, and the decision form for approvers. */
export function GateReviewView(props: {
  client: GatewayClient;
  role: Role;
  id: string;
  gate: string;
}) {
  const { client, id, gate } = props;
  const loaded = useLoad(async () => {
    const project = await dataOf(client.GET('/v1/projects/{id}', { params: { path: { id } } }));
    const openings = project.gates.filter((g) => g.gate === gate);
    const current = openings.find((g) => g.open) ?? openings.at(-1);
    const stage = current?.stage ?? null;
    const artifact =
      stage === null
        ? undefined
        : await dataOf(
            client.GET('/v1/projects/{id}/artifacts/{stage}', { params: { path: { id, stage } } }),
          );
    return { project, current, artifact };
  }, `${id}/${gate}`);
  const [decision, setDecision] = useState<Decision>('approve');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [decided, setDecided] = useState('');
  const [busy, setBusy] = useState(false);

  const current = loaded.data?.current;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (current === undefined || !isGateName(gate)) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await dataOf(
        client.POST('/v1/projects/{id}/approvals/{gate}', {
          params: { path: { id, gate } },
          body: {
            decision,
            attempt: current.attempt,
            ...(comment.trim() === '' ? {} : { comment }),
          },
        }),
      );
      setDecided(`Decision sent: ${decision.replace(/_/g, ' ')}.`);
      loaded.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const needsComment = decision !== 'approve';
  return (
    <section aria-labelledby="gate-title">
      <p>
        <a href={hrefOf({ page: 'project', id })}>← {loaded.data?.project.name ?? 'Project'}</a>
      </p>
      <h1 id="gate-title">Gate: {gate.replace(/_/g, ' ')}</h1>
      <ProblemNotice problem={loaded.problem} />
      {loaded.data === undefined && loaded.problem === undefined && (
        <p role="status">Loading the gate…</p>
      )}
      {loaded.data !== undefined && current === undefined && (
        <p class="empty">This gate has not opened in this project (yet).</p>
      )}
      {current !== undefined && (
        <p class="meta">
          Attempt {current.attempt} ·{' '}
          {current.open ? 'waiting for a decision' : `closed: ${current.state}`}
          {current.decidedBy !== null ? ` by ${current.decidedBy}` : ''}
          {current.comment !== null ? ` — “${current.comment}”` : ''}
        </p>
      )}
      {current?.open === true && can(props.role, 'decide') && (
        <form class="card decision" onSubmit={(event) => void submit(event)}>
          <fieldset>
            <legend>Your decision</legend>
            {DECISIONS.map((option) => (
              <label class="inline" key={option.value}>
                <input
                  type="radio"
                  name="decision"
                  value={option.value}
                  checked={decision === option.value}
                  onChange={() => setDecision(option.value)}
                />
                {option.label}
              </label>
            ))}
          </fieldset>
          <label for="comment">
            Comment{needsComment ? ' (required: say what to change or why)' : ' (optional)'}
          </label>
          <textarea
            id="comment"
            rows={4}
            maxLength={20_000}
            required={needsComment}
            value={comment}
            onInput={(event) => setComment(event.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send decision'}
          </button>
        </form>
      )}
      {current?.open === true && !can(props.role, 'decide') && (
        <p class="notice">
          Your role ({props.role}) can read this gate but not decide it: an approver decides.
        </p>
      )}
      {decided !== '' && (
        <p class="notice" role="status">
          {decided}
        </p>
      )}
      <ProblemNotice problem={problem} />
      {loaded.data?.artifact !== undefined && (
        <>
          <h2>
            {loaded.data.artifact.stage.replace(/_/g, ' ')} v{loaded.data.artifact.version}{' '}
            <a href={hrefOf({ page: 'artifact', id, stage: loaded.data.artifact.stage })}>
              (all versions)
            </a>
          </h2>
          <ArtifactBody artifact={loaded.data.artifact} />
        </>
      )}
    </section>
  );
}
