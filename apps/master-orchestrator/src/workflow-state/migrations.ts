import { WorkflowState1764200000000 } from './1764200000000-workflow-state.migration';
import { EventsNotify1764800000000 } from './1764800000000-events-notify.migration';
import { ReadModels1764900000000 } from './1764900000000-read-models-v1.migration';
import { TaskStartedAt1765000000000 } from './1765000000000-task-started-at.migration';
import { GateTimers1766030000000 } from './1766030000000-gate-timers.migration';
import { PinnedWorkflows1766050000000 } from './1766050000000-pinned-workflows.migration';
import { ProjectRoutingView1766100000000 } from './1766100000000-project-routing-view.migration';
import { ProjectMemory1766510000000 } from './1766510000000-project-memory.migration';
import { ProjectWorkspace1766525000000 } from './1766525000000-project-workspace.migration';
import { UnpublishedEvents1766800000200 } from './1766800000200-unpublished-events.migration';

/**
 * Every migration of the orchestrator's schema, oldest first: its tables, the events NOTIFY, the
 * views it publishes (ADR 0005), then later columns. Readers' tests run this list to get exactly
 * what the orchestrator would publish.
 */
export const ORCHESTRATOR_MIGRATIONS = [
  WorkflowState1764200000000,
  EventsNotify1764800000000,
  ReadModels1764900000000,
  TaskStartedAt1765000000000,
  GateTimers1766030000000,
  PinnedWorkflows1766050000000,
  ProjectRoutingView1766100000000,
  ProjectMemory1766510000000,
  ProjectWorkspace1766525000000,
  UnpublishedEvents1766800000200,
];
