import { type ConsumerDefinition, type Envelope } from '@agentbus/contracts';
import { PINO_LOGGER } from '@agentbus/observability';
import { type OutboxWriter, type SqlTx, withPipelinedOutbox } from '@agentbus/persistence';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type Logger } from 'pino';
import { DataSource } from 'typeorm';
import { applyChanges } from './decider/apply-changes';
import { dueInputs, type TimerInput } from './decider/due-inputs';
import { deterministicId } from './decider/ids';
import { WorkflowMetrics } from './metrics/workflow.metrics';
import { EVENTS_RELAY_SOURCE } from './persistence/events-relay.source';
import { WorkflowRepository } from './persistence/workflow.repository';
import { type Workflow } from './workflow.dag';
import { UnknownWorkflowVersionError, type WorkflowCatalog } from './workflow-catalog';
import { decide } from './workflow.decider';
import { envelopeOf } from './workflow-messages';
import { WORKFLOWS } from './workflow.settings';
import { type Decision, type Snapshot, type WorkflowInput } from './workflow.types';

/** What caused a decision: its outbox ids derive from `key`, so a replay writes the same ids. */
interface Origin {
  readonly key: string;
  readonly causationId: string | undefined;
}

type Decided = readonly { readonly input: WorkflowInput; readonly decision: Decision }[];

/**
 * The edge around the pure decider (STYLE principle 2): lock the project row, load its snapshot,
 * decide, write the changes, the outbox messages and the event log, all in one transaction; then,
 * once committed, log and count what happened.
 */
@Injectable()
export class WorkflowRunner {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WorkflowRepository,
    private readonly metrics: WorkflowMetrics,
    @Inject(WORKFLOWS) private readonly workflows: WorkflowCatalog,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: 'Workflow' });
  }

  /** Applies a message exactly once (inbox, state and outbox commit together). */
  async handle(
    consumer: ConsumerDefinition,
    envelope: Envelope,
    projectId: string,
    input: WorkflowInput,
  ): Promise<void> {
    const origin = { key: `message:${envelope.id}`, causationId: envelope.id };
    const result = await handleMessageOnce(
      this.dataSource,
      consumer,
      envelope,
      async (tx, outbox) => {
        const snapshot = await this.repository.lock(tx, projectId);
        return this.decideAndWrite(tx, outbox, projectId, snapshot, [input], origin);
      },
    );
    if (!result.duplicate) this.settled(projectId, result.result);
  }

  /** Runs a project's due timers in one transaction; `false` if another replica holds it. */
  async runDue(projectId: string, now: Date): Promise<boolean> {
    try {
      return await this.runDueOnce(projectId, now);
    } catch (error) {
      if (!(error instanceof UnknownWorkflowVersionError)) throw error;
      // Its timers wait for an orchestrator that knows the version; other projects go on.
      this.logger.error({ err: error, projectId }, 'project on an unknown workflow version');
      return false;
    }
  }

  private async runDueOnce(projectId: string, now: Date): Promise<boolean> {
    const decided = await withPipelinedOutbox(this.dataSource, async (tx, outbox) => {
      const snapshot = await this.repository.lock(tx, projectId, true);
      if (snapshot === undefined) return undefined;
      const due = dueInputs(snapshot, now);
      return this.decideAndWrite(tx, outbox, projectId, snapshot, due, timerOrigin(projectId), now);
    });
    if (decided !== undefined) this.settled(projectId, decided);
    return decided !== undefined;
  }

  private async decideAndWrite(
    tx: SqlTx,
    outbox: OutboxWriter,
    projectId: string,
    snapshot: Snapshot | undefined,
    inputs: readonly WorkflowInput[],
    origin: Origin | ((input: WorkflowInput) => Origin),
    now = new Date(),
  ): Promise<Decided> {
    const decided: { input: WorkflowInput; decision: Decision }[] = [];
    let current = snapshot;
    for (const input of inputs) {
      const workflow = this.workflowOf(projectId, current);
      const decision = decide(current, input, now, workflow);
      await this.repository.apply(tx, projectId, decision.changes);
      const from = typeof origin === 'function' ? origin(input) : origin;
      await this.send(tx, outbox, projectId, decision, from, now, workflow);
      if (decision.changes.length > 0) current = applyChanges(current, decision.changes);
      decided.push({ input, decision });
    }
    return decided;
  }

  /** The DAG the project is pinned to; the newest for a project not created yet. */
  private workflowOf(projectId: string, snapshot: Snapshot | undefined): Workflow {
    if (snapshot === undefined) return this.workflows.current;
    return this.workflows.of(projectId, snapshot.project.workflowVersion);
  }

  private async send(
    tx: SqlTx,
    outbox: OutboxWriter,
    projectId: string,
    decision: Decision,
    origin: Origin,
    time: Date,
    workflow: Workflow,
  ): Promise<void> {
    const events = [];
    for (const [index, effect] of decision.effects.entries()) {
      const id = deterministicId(`${origin.key}:${index}`);
      const meta = { id, projectId, causationId: origin.causationId, time };
      const envelope = envelopeOf(workflow, effect, meta);
      if (effect.kind === 'event') {
        // Written once, as its `events` row; published from it (no outbox row with a copy).
        outbox.addHeld(envelope, EVENTS_RELAY_SOURCE);
        events.push({ id, projectId, type: envelope.type, data: envelope.data, createdAt: time });
      } else {
        await outbox.add(envelope);
      }
    }
    await this.repository.appendEvents(tx, events, origin.causationId);
  }

  private settled(projectId: string, decided: Decided): void {
    for (const { input, decision } of decided) {
      this.metrics.record(input, decision);
      const fields = { projectId, input: input.kind, effects: decision.effects.length };
      if (decision.ignored === undefined) this.logger.debug(fields, 'workflow decision applied');
      else this.logger.info({ ...fields, ...decision.ignored }, 'workflow input ignored');
    }
  }
}

/** Timer inputs are keyed by what they are about, so a repeated timer writes the same ids. */
const timerOrigin =
  (projectId: string) =>
  (input: WorkflowInput): Origin => {
    const timer = input as TimerInput;
    const about =
      timer.kind === 'gate_timer_due'
        ? `${timer.approvalId}:${timer.firing}`
        : `${timer.stage}:${timer.attempt}`;
    return { key: `timer:${projectId}:${about}:${input.kind}`, causationId: undefined };
  };
