import { type StageState } from '@agentbus/contracts';

/**
 * The stage's task is out with a worker: `dispatched`, or `running` once the worker reported it
 * started. The decider treats both alike (results, deadlines, cancel, restart, fencing).
 */
export const isInFlight = (state: StageState): boolean =>
  state === 'dispatched' || state === 'running';
