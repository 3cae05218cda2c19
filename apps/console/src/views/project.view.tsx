import { useEffect, useMemo, useState } from 'preact/hooks';
import { dataOf, problemOf, type GatewayClient } from '../api/gateway-client';
import { type ProjectDetail, type RestartStage } from '../api/gateway-types';
import { type ShownProblem } from '../api/problem';
import { can, type Role } from '../auth/roles';
import { coalesce } from '../live/coalesce';
import { followProjectStream, type StreamStatus } from '../live/project-stream';
import { formatCost, formatDuration, stageDurationMs, timelineOf } from '../projects/timeline';
import { hrefOf } from '../routing/routes';
import { ConfirmButton } from './confirm-button';
import { StateBadge } from './state-badge';
import { useLoad } from './use-load';
import { ActionOutcome, LoadStatus } from './call-status';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live',
  reconnecting: 'Connection lost: reconnecting…',
  ended: 'Finished: no more updates',
};

/** One project, live: every event on its SSE stream reloads the detail (stages, gates, usage). */
export function ProjectView(props: {
  client: GatewayClient;
  apiKey: string;
  role: Role;
  id: string;
}) {
  const { client, id } = props;
  const detail = useLoad(
    () => dataOf(client.GET('/v1/projects/{id}', { params: { path: { id } } })),
    id,
  );
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [now, setNow] = useState(Date.now());

  const reload = useMemo(() => coalesce(detail.reload, 250), [detail.reload]);
  // Bumped to follow the stream again when an ended (terminal) project runs again (a restart).
  const [epoch, setEpoch] = useState(0);
  useEffect(
    () =>
      followProjectStream({
        url: `${location.origin}/v1/projects/${id}/events`,
        apiKey: props.apiKey,
        onEvent: reload,
        onStatus: (next) => {
          setStatus(next);
          if (next === 'live' || next === 'ended') reload(); // catch up after a reconnect
        },
      }),
    [id, props.apiKey, epoch, reload],
  );
  // The stream ends with the project; a restart (here or elsewhere) brings it back, so an ended
  // view looks every few seconds and follows the stream again once the project runs.
  const running = detail.data !== undefined && !TERMINAL.has(detail.data.state);
  useEffect(() => {
    if (status !== 'ended') return undefined;
    if (running) {
      setEpoch((value) => value + 1);
      return undefined;
    }
    const timer = setInterval(detail.reload, 3000);
    return () => clearInterval(timer);
  }, [status, running, detail.reload]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000); // running stages' clocks tick
    return () => clearInterval(timer);
  }, []);

  const act = async (label: string, call: () => Promise<unknown>) => {
    setProblem(undefined);
    try {
      await call();
      setNotice(`${label}: accepted. The timeline updates as it happens.`);
      detail.reload();
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const project = detail.data;
  return (
    <section aria-labelledby="project-title">
      <p class="meta" role="status" aria-live="polite">
        <span class={`dot dot-${status}`} aria-hidden="true" /> {STATUS_TEXT[status]}
      </p>
      <LoadStatus loaded={detail} what="the project" />
      {project !== undefined && (
        <ProjectBody
          project={project}
          role={props.role}
          now={now}
          onCancel={() =>
            void act('Cancel', () =>
              dataOf(
                client.POST('/v1/projects/{id}/cancel', { params: { path: { id } }, body: {} }),
              ),
            )
          }
          onRestart={(fromStage) =>
            void act(`Restart from ${fromStage}`, () =>
              dataOf(
                client.POST('/v1/projects/{id}/restart', {
                  params: { path: { id } },
                  body: { fromStage },
                }),
              ),
            )
          }
        />
      )}
      <ActionOutcome done={notice} problem={problem} />
    </section>
  );
}

function ProjectBody(props: {
  project: ProjectDetail;
  role: Role;
  now: number;
  onCancel: () => void;
  onRestart: (stage: RestartStage) => void;
}) {
  const { project, role, now } = props;
  const openGates = project.gates.filter((gate) => gate.open);
  const terminal = TERMINAL.has(project.state);
  const restartable = project.stages
    .filter((stage) => stage.state !== 'skipped')
    .map((stage) => stage.stage);
  const [restartFrom, setRestartFrom] = useState(restartable[0] ?? 'prd');
  const budget = project.budget;
  return (
    <>
      <div class="title-row">
        <h1 id="project-title">{project.name}</h1>
        <StateBadge state={project.state} />
      </div>
      <p class="meta">
        Submitted by {project.submittedBy} · workspace {project.workspace} ·{' '}
        {project.usage.totalTokens.toLocaleString()} tokens · {formatCost(project.usage.costUsd)} ·{' '}
        {project.usage.llmCalls} LLM calls
      </p>
      {budget.maxTokens !== null && (
        <p>
          <label for="budget">
            Token budget: {budget.tokensUsed.toLocaleString()} of{' '}
            {budget.maxTokens.toLocaleString()}
          </label>
          <meter
            id="budget"
            min={0}
            max={budget.maxTokens}
            value={budget.tokensUsed}
            high={budget.maxTokens * 0.8}
          />
        </p>
      )}
      {project.failure !== null && (
        <div class="problem" role="alert">
          <strong>
            Failed{project.failure.stage === null ? '' : ` at ${project.failure.stage}`}
          </strong>
          <p>{project.failure.cause}</p>
        </div>
      )}
      {openGates.map((gate) => (
        <div class="gate-callout" key={gate.id}>
          <span>
            Gate <strong>{gate.gate.replace(/_/g, ' ')}</strong> (attempt {gate.attempt}) is waiting
            for a decision.
          </span>
          <a class="button" href={hrefOf({ page: 'gate', id: project.id, gate: gate.gate })}>
            {can(role, 'decide') ? 'Review and decide' : 'View the gate'}
          </a>
        </div>
      ))}
      <h2>Stages</h2>
      <ol class="timeline" aria-label="Stage timeline">
        {timelineOf(project.stages, now).map((step) => (
          <li
            key={step.lanes.map((lane) => lane.stage).join('+')}
            class={step.lanes.length > 1 ? 'step parallel' : 'step'}
          >
            {step.lanes.length > 1 && <span class="visually-hidden">In parallel:</span>}
            {step.lanes.map((stage) => (
              <div
                class={`lane lane-${stage.state}`}
                key={stage.stage}
                data-stage={stage.stage}
                data-state={stage.state}
              >
                <div class="lane-head">
                  <strong>{stage.stage.replace(/_/g, ' ')}</strong>{' '}
                  <StateBadge state={stage.state} />
                </div>
                <div class="meta">
                  {formatDuration(stageDurationMs(stage, now))} · attempt {stage.attempt}
                  {stage.failures > 0 ? ` (${stage.failures} failed)` : ''} ·{' '}
                  {stage.usage.totalTokens.toLocaleString()} tokens ·{' '}
                  {formatCost(stage.usage.costUsd)}
                  {stage.target === 'gpu' ? ' · GPU' : ''}
                </div>
                {stage.artifactVersion !== null && (
                  <a href={hrefOf({ page: 'artifact', id: project.id, stage: stage.stage })}>
                    Artifact v{stage.artifactVersion}
                  </a>
                )}
              </div>
            ))}
          </li>
        ))}
      </ol>
      {can(role, 'cancel') && (
        <div class="actions" aria-label="Project actions">
          {!terminal && (
            <ConfirmButton
              label="Cancel project"
              confirmLabel="Cancel the project"
              danger
              onConfirm={props.onCancel}
            >
              <p>
                Cancel <strong>{project.name}</strong>? Running tasks are stopped and nothing more
                is dispatched. This cannot be undone (a restart can run it again from a stage).
              </p>
            </ConfirmButton>
          )}
          {project.state !== 'queued' && project.state !== 'running' && (
            <>
              <label for="restart-from">Restart from</label>
              <select
                id="restart-from"
                value={restartFrom}
                onChange={(event) => setRestartFrom(event.currentTarget.value)}
              >
                {restartable.map((stage) => (
                  <option key={stage} value={stage}>
                    {stage.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
              <ConfirmButton
                label="Restart"
                confirmLabel={`Restart from ${restartFrom.replace(/_/g, ' ')}`}
                onConfirm={() => props.onRestart(restartFrom as RestartStage)}
              >
                <p>
                  Re-run <strong>{restartFrom.replace(/_/g, ' ')}</strong> and everything after it?
                  Earlier artifacts are kept.
                </p>
              </ConfirmButton>
            </>
          )}
        </div>
      )}
    </>
  );
}
