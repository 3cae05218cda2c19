import { type StageId } from '../workflow/stages';
import {
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
} from './cpu-task.v1';

/**
 * Priority lanes of CPU tasks, highest first: a worker with a free slot takes from the first lane
 * with a task waiting, so projects near their end finish before new ones start (later stages
 * first). JetStream 2.9 delivers a durable's messages in stream order and has no priority groups,
 * hence one subject and one durable per lane.
 */
export const CPU_TASK_LANES = ['late', 'middle', 'early'] as const;
export type CpuTaskLane = (typeof CPU_TASK_LANES)[number];

/** The request message of each lane; `early` keeps the subject tasks had before lanes existed. */
export const CPU_TASK_REQUESTS = {
  late: CpuTaskRequestedLateV1,
  middle: CpuTaskRequestedMiddleV1,
  early: CpuTaskRequestedV1,
} as const;

// Within a lane tasks are served in arrival order, so a backlog (every project approved at once)
// is worked off in lockstep inside its lane. feature_tree, the first stage after prd_approval, is
// where that backlog forms: its successor must sit in a higher lane, so that a project that got
// past it is carried to the end before the next one starts.
const LANE_OF: Readonly<Record<StageId, CpuTaskLane>> = {
  prd: 'early',
  feature_tree: 'early',
  plan: 'middle',
  architecture: 'middle',
  uiux: 'middle',
  ml_feasibility: 'middle',
  development: 'middle',
  qa: 'late',
  security: 'late',
  documentation: 'late',
  support: 'late',
  pm_review: 'late',
  delivery: 'late',
};

/** The priority lane a stage's CPU tasks travel in. */
export const cpuTaskLaneOf = (stage: StageId): CpuTaskLane => LANE_OF[stage];

/** The request message (subject) of a stage's CPU task. */
export const cpuTaskRequestFor = (stage: StageId): (typeof CPU_TASK_REQUESTS)[CpuTaskLane] =>
  CPU_TASK_REQUESTS[LANE_OF[stage]];

/** Whether a subject (an envelope's `type`) is a CPU task request of any lane. */
export const isCpuTaskRequest = (subject: string): boolean =>
  CPU_TASK_LANES.some((lane) => CPU_TASK_REQUESTS[lane].subject === subject);
