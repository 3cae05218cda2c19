import { type Change, type Snapshot } from '../workflow.types';

const patchWhere = <R>(rows: readonly R[], match: (row: R) => boolean, patch: Partial<R>): R[] =>
  rows.map((row) => (match(row) ? { ...row, ...patch } : row));

function applyOne(snapshot: Snapshot | undefined, change: Change): Snapshot | undefined {
  if (change.kind === 'insert_project') {
    return { project: change.project, stages: [], tasks: [], approvals: [] };
  }
  if (snapshot === undefined) throw new Error(`${change.kind} before the project exists`);
  const { project, stages, tasks, approvals } = snapshot;
  switch (change.kind) {
    case 'update_project':
      return { ...snapshot, project: { ...project, ...change.patch } };
    case 'insert_stage':
      return { ...snapshot, stages: [...stages, change.row] };
    case 'update_stage':
      return {
        ...snapshot,
        stages: patchWhere(stages, (r) => r.stage === change.stage, change.patch),
      };
    case 'insert_task':
      return { ...snapshot, tasks: [...tasks, change.row] };
    case 'update_task':
      return { ...snapshot, tasks: patchWhere(tasks, (r) => r.id === change.id, change.patch) };
    case 'insert_approval':
      return { ...snapshot, approvals: [...approvals, change.row] };
    case 'update_approval':
      return {
        ...snapshot,
        approvals: patchWhere(approvals, (r) => r.id === change.id, change.patch),
      };
  }
}

/**
 * The snapshot after `changes`, as Postgres holds it once the repository wrote them. The scheduler
 * uses it to decide several due timers of one project in one transaction; specs use it to chain.
 */
export function applyChanges(snapshot: Snapshot | undefined, changes: readonly Change[]): Snapshot {
  const next = changes.reduce(applyOne, snapshot);
  if (next === undefined) throw new Error('no project to apply changes to');
  return next;
}
