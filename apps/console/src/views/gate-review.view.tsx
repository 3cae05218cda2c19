import { useEffect, useState } from 'preact/hooks';
import { dataOf, problemOf, type GatewayClient } from '../api/gateway-client';
import { type Artifact, type Decision, isGateName } from '../api/gateway-types';
import { type ShownProblem } from '../api/problem';
import { ArtifactBody } from '../artifacts/artifact-body';
import { DiffView } from '../artifacts/diff-view';
import { anchoredComment, parseAnchoredComment, sectionsOf } from '../artifacts/sections';
import { StaleArtifacts } from '../artifacts/stale-artifacts';
import { can, type Role } from '../auth/roles';
import { hrefOf } from '../routing/routes';
import { BudgetFields, budgetOf, type BudgetInput } from './budget-fields';
import { ProblemNotice } from './problem-notice';
import { useLoad } from './use-load';
import { ActionOutcome, LoadStatus } from './call-status';

const RECHECK_MS = 3000;

const DECISIONS: { value: Decision; label: string }[] = [
  { value: 'approve', label: 'Approve' },
  { value: 'request_changes', label: 'Request changes' },
  { value: 'reject', label: 'Reject (the project fails)' },
];

/**
 * A gate with the artifact it asks about (diagrams drawn, a diff against the version before),
 * the artifacts gone stale, and the decision form for approvers: a comment may be anchored to a
 * section of the artifact, and a budget gate's approval may raise the budget.
 */
export function GateReviewView(props: {
  client: GatewayClient;
  role: Role;
  id: string;
  gate: string;
}) {
  const { client, id, gate } = props;
  const loaded = useLoad(async () => {
    const [project, list] = await Promise.all([
      dataOf(client.GET('/v1/projects/{id}', { params: { path: { id } } })),
      dataOf(client.GET('/v1/projects/{id}/artifacts', { params: { path: { id } } })),
    ]);
    const openings = project.gates.filter((g) => g.gate === gate);
    const current = openings.find((g) => g.open) ?? openings.at(-1);
    const stage = current?.stage ?? null;
    const artifact =
      stage === null || !list.items.some((item) => item.stage === stage)
        ? undefined
        : await dataOf(
            client.GET('/v1/projects/{id}/artifacts/{stage}', { params: { path: { id, stage } } }),
          );
    const previous = list.allVersions.find(
      (meta) => meta.stage === stage && artifact !== undefined && meta.version < artifact.version,
    ); // newest first: the version just before
    return { project, list, current, artifact, previousVersion: previous?.version };
  }, `${id}/${gate}`);
  const [decision, setDecision] = useState<Decision>('approve');
  const [comment, setComment] = useState('');
  const [section, setSection] = useState('');
  const [budget, setBudget] = useState<BudgetInput>({ maxTokens: '', maxCostUsd: '' });
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [decided, setDecided] = useState('');
  const [decidedAttempt, setDecidedAttempt] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [older, setOlder] = useState<Artifact | undefined>(undefined);
  const [diffProblem, setDiffProblem] = useState<ShownProblem | undefined>(undefined);

  const data = loaded.data;
  const current = data?.current;

  // While the project works towards the gate (e.g. the stage redone after a request for changes),
  // look again every few seconds, so the next attempt shows up without a reload: until the gate
  // is open on an attempt not decided here, or the project has ended.
  const ended =
    data !== undefined && ['completed', 'failed', 'cancelled'].includes(data.project.state);
  const working =
    data !== undefined && !ended && (current?.open !== true || current.attempt === decidedAttempt);
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(() => loaded.reload(), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [data, working]);
  const sections =
    data?.artifact === undefined ? [] : sectionsOf(data.artifact.format, data.artifact.body);
  const raisesBudget = gate === 'budget_exceeded' && decision === 'approve';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (current === undefined || !isGateName(gate)) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const text = anchoredComment(decision === 'approve' ? '' : section, comment.trim());
      const raised = raisesBudget ? budgetOf(budget) : undefined;
      await dataOf(
        client.POST('/v1/projects/{id}/approvals/{gate}', {
          params: { path: { id, gate } },
          body: {
            decision,
            attempt: current.attempt,
            ...(text === '' ? {} : { comment: text }),
            ...(raised === undefined ? {} : { raiseBudget: raised }),
          },
        }),
      );
      setDecidedAttempt(current.attempt);
      setDecided(
        `Decision sent: ${decision.replace(/_/g, ' ')}${
          decision !== 'approve' && section !== '' ? ` (on section “${section}”)` : ''
        }.`,
      );
      loaded.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  const showDiff = async () => {
    const version = data?.previousVersion;
    const stage = data?.artifact?.stage;
    if (version === undefined || stage === undefined) return;
    setDiffProblem(undefined);
    try {
      setOlder(
        await dataOf(
          client.GET('/v1/projects/{id}/artifacts/{stage}', {
            params: { path: { id, stage }, query: { version } },
          }),
        ),
      );
    } catch (error) {
      setDiffProblem(problemOf(error));
    }
  };

  const needsComment = decision !== 'approve';
  const recorded = current?.comment == null ? undefined : parseAnchoredComment(current.comment);
  return (
    <section aria-labelledby="gate-title">
      <p>
        <a href={hrefOf({ page: 'project', id })}>← {data?.project.name ?? 'Project'}</a>
      </p>
      <h1 id="gate-title">Gate: {gate.replace(/_/g, ' ')}</h1>
      <LoadStatus loaded={loaded} what="the gate" />
      {data !== undefined && current === undefined && (
        <p class="empty">This gate has not opened in this project (yet).</p>
      )}
      {current !== undefined && (
        <p class="meta">
          Attempt {current.attempt} ·{' '}
          {current.open ? 'waiting for a decision' : `closed: ${current.state}`}
          {current.decidedBy !== null ? ` by ${current.decidedBy}` : ''}
          {recorded !== undefined && (
            <span class="recorded-comment">
              {recorded.section === undefined ? ' — ' : ` — on section “${recorded.section}”: `}“
              {recorded.comment}”
            </span>
          )}
        </p>
      )}
      {current?.open === true &&
        current.attempt !== decidedAttempt &&
        can(props.role, 'decide') && (
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
            {needsComment && sections.length > 0 && (
              <>
                <label for="section">Section the comment is about (optional)</label>
                <select
                  id="section"
                  value={section}
                  onChange={(event) => setSection(event.currentTarget.value)}
                >
                  <option value="">the whole artifact</option>
                  {sections.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label for="comment">
              Comment{needsComment ? ' (required: say what to change or why)' : ' (optional)'}
            </label>
            <textarea
              id="comment"
              rows={4}
              maxLength={19_000}
              required={needsComment}
              value={comment}
              onInput={(event) => setComment(event.currentTarget.value)}
            />
            {raisesBudget && data !== undefined && (
              <p class="meta" data-budget-used>
                Used so far: {data.project.budget.tokensUsed.toLocaleString()} tokens
                {data.project.budget.maxTokens === null
                  ? ''
                  : ` of ${data.project.budget.maxTokens.toLocaleString()}`}
                , ${data.project.budget.costUsd.toFixed(2)}
                {data.project.budget.maxCostUsd === null
                  ? ''
                  : ` of $${data.project.budget.maxCostUsd.toFixed(2)}`}
                .
              </p>
            )}
            {raisesBudget && (
              <BudgetFields
                legend="Raise the budget (leave empty to keep a limit as it is)"
                value={budget}
                onChange={setBudget}
              />
            )}
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
      <ActionOutcome done={decided} problem={problem} />
      {data !== undefined && <StaleArtifacts id={id} list={data.list} />}
      {data?.artifact !== undefined && (
        <>
          <h2>
            {data.artifact.stage.replace(/_/g, ' ')} v{data.artifact.version}{' '}
            <a href={hrefOf({ page: 'artifact', id, stage: data.artifact.stage })}>
              (all versions)
            </a>
          </h2>
          {data.previousVersion !== undefined && older === undefined && (
            <button type="button" class="secondary" onClick={() => void showDiff()}>
              Show changes since v{data.previousVersion}
            </button>
          )}
          <ProblemNotice problem={diffProblem} />
          {older !== undefined && (
            <DiffView
              title={`Changes from v${older.version} to v${data.artifact.version}`}
              older={older.body}
              newer={data.artifact.body}
            />
          )}
          <ArtifactBody artifact={data.artifact} />
        </>
      )}
    </section>
  );
}
