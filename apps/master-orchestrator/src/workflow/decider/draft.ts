import { type StageId } from '@agentbus/contracts';
import { type Workflow } from '../workflow.dag';
import {
  type ApprovalRow,
  type Change,
  type Decision,
  type Effect,
  type NewProject,
  type ProjectRow,
  type Snapshot,
  type StageRow,
  type TaskRow,
  type WorkflowEvent,
} from '../workflow.types';

type Patches<K, R> = Map<K, Partial<R>>;

const merge = <K, R>(patches: Patches<K, R>, key: K, patch: Partial<R>): void => {
  patches.set(key, { ...patches.get(key), ...patch });
};

/**
 * A working copy of a project that the decider edits while it records every edit as a
 * {@link Change} (one merged patch per row) and every message as an {@link Effect}. Pure: it
 * never does I/O, and the same snapshot, input and time always give the same decision.
 */
export class Draft {
  project: ProjectRow;
  stages: StageRow[];
  tasks: TaskRow[];
  approvals: ApprovalRow[];
  private readonly effects: Effect[] = [];
  private created: { project: ProjectRow; source: NewProject } | undefined;
  private projectPatch: Partial<ProjectRow> = {};
  private readonly stagePatches: Patches<StageId, StageRow> = new Map();
  private readonly taskPatches: Patches<string, TaskRow> = new Map();
  private readonly newTasks: string[] = [];
  private readonly approvalPatches: Patches<string, ApprovalRow> = new Map();
  private readonly newApprovals: string[] = [];

  constructor(
    snapshot: Snapshot,
    readonly workflow: Workflow,
    readonly now: Date,
  ) {
    this.project = snapshot.project;
    this.stages = [...snapshot.stages];
    this.tasks = [...snapshot.tasks];
    this.approvals = [...snapshot.approvals];
  }

  /** A draft for a project that does not exist yet; its rows become inserts. */
  static create(snapshot: Snapshot, source: NewProject, workflow: Workflow, now: Date): Draft {
    const draft = new Draft(snapshot, workflow, now);
    draft.created = { project: snapshot.project, source };
    return draft;
  }

  stage(id: StageId): StageRow {
    const row = this.stages.find((stage) => stage.stage === id);
    if (row === undefined) throw new Error(`project ${this.project.id} has no stage ${id}`);
    return row;
  }

  patchProject(patch: Partial<ProjectRow>): void {
    this.project = { ...this.project, ...patch };
    this.projectPatch = { ...this.projectPatch, ...patch };
  }

  patchStage(id: StageId, patch: Partial<StageRow>): void {
    this.stages = this.stages.map((row) => (row.stage === id ? { ...row, ...patch } : row));
    merge(this.stagePatches, id, patch);
  }

  insertTask(row: TaskRow): void {
    this.tasks = [...this.tasks, row];
    this.newTasks.push(row.id);
  }

  patchTask(id: string, patch: Partial<TaskRow>): void {
    this.tasks = this.tasks.map((row) => (row.id === id ? { ...row, ...patch } : row));
    if (!this.newTasks.includes(id)) merge(this.taskPatches, id, patch);
  }

  insertApproval(row: ApprovalRow): void {
    this.approvals = [...this.approvals, row];
    this.newApprovals.push(row.id);
  }

  patchApproval(id: string, patch: Partial<ApprovalRow>): void {
    this.approvals = this.approvals.map((row) => (row.id === id ? { ...row, ...patch } : row));
    if (!this.newApprovals.includes(id)) merge(this.approvalPatches, id, patch);
  }

  emit(event: WorkflowEvent): void {
    this.effects.push({ kind: 'event', event });
  }

  order(effect: Exclude<Effect, { kind: 'event' }>): void {
    this.effects.push(effect);
  }

  /** The changes in an order Postgres accepts (a gate closes before its next attempt opens). */
  decision(ignored?: Decision['ignored']): Decision {
    const changes = this.created ? this.creationChanges() : this.updateChanges();
    return { changes, effects: [...this.effects], ...(ignored ? { ignored } : {}) };
  }

  private creationChanges(): Change[] {
    const created = this.created as { source: NewProject };
    return [
      { kind: 'insert_project', project: this.project, source: created.source },
      ...this.stages.map((row): Change => ({ kind: 'insert_stage', row })),
      ...this.rowInserts(),
    ];
  }

  private updateChanges(): Change[] {
    const changes: Change[] = [
      ...[...this.stagePatches].map(([stage, patch]): Change => ({
        kind: 'update_stage',
        stage,
        patch,
      })),
      ...[...this.taskPatches].map(([id, patch]): Change => ({ kind: 'update_task', id, patch })),
      ...[...this.approvalPatches].map(([id, patch]): Change => ({
        kind: 'update_approval',
        id,
        patch,
      })),
      ...this.rowInserts(),
    ];
    if (changes.length === 0 && Object.keys(this.projectPatch).length === 0) return [];
    // Every change bumps the version, so readers can tell two states of a project apart.
    const version = { version: this.project.version + 1, updatedAt: this.now };
    this.project = { ...this.project, ...version };
    return [{ kind: 'update_project', patch: { ...this.projectPatch, ...version } }, ...changes];
  }

  private rowInserts(): Change[] {
    const byId = <R extends { id: string }>(rows: R[], ids: string[]) =>
      ids.map((id) => rows.find((row) => row.id === id) as R);
    return [
      ...byId(this.tasks, this.newTasks).map((row): Change => ({ kind: 'insert_task', row })),
      ...byId(this.approvals, this.newApprovals).map((row): Change => ({
        kind: 'insert_approval',
        row,
      })),
    ];
  }
}
