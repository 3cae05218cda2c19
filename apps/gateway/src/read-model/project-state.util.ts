import { type ProjectState } from '@agentbus/contracts';

const TERMINAL: readonly string[] = ['completed', 'failed', 'cancelled'] satisfies ProjectState[];

/** A project in this state will not move again unless restarted. */
export const isTerminalState = (state: string): boolean => TERMINAL.includes(state);
