import {
  GATE_TIMEOUT_ACTIONS,
  type GateTimeoutAction,
  MAX_GATE_REMINDERS,
  MAX_GATE_TIMEOUT_SECONDS,
} from '@agentbus/contracts';
import { InvalidArgumentError } from 'commander';

const GATES = ['prd_approval', 'delivery_approval'] as const;
type TimedGate = (typeof GATES)[number];

/** One gate's timeout as the API takes it; null: no timeout, whatever the orchestrator default. */
export type GateTimeoutOption = {
  readonly afterSeconds: number;
  readonly action: GateTimeoutAction;
  readonly maxReminders?: number;
} | null;

export type GateTimeoutOptions = Readonly<Partial<Record<TimedGate, GateTimeoutOption>>>;

const FORMAT = '<gate>=<seconds>:<approve|reject|remind>[:<max reminders>] or <gate>=none';
const SHAPE = /^([a-z_]+)=(?:none|(\d+):([a-z]+)(?::(\d+))?)$/;

const isGate = (gate: string): gate is TimedGate => (GATES as readonly string[]).includes(gate);
const isAction = (action: string): action is GateTimeoutAction =>
  (GATE_TIMEOUT_ACTIONS as readonly string[]).includes(action);

function inRange(value: string, max: number, what: string): number {
  const number = Number(value);
  if (number < 1 || number > max) throw new InvalidArgumentError(`${what} must be 1 to ${max}.`);
  return number;
}

/**
 * commander parser of the repeatable `--gate-timeout`, e.g. `prd_approval=86400:approve` or
 * `delivery_approval=3600:remind:3`; each use adds one gate to the previous ones.
 */
export function gateTimeoutOption(
  value: string,
  previous: GateTimeoutOptions = {},
): GateTimeoutOptions {
  const match = SHAPE.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`expected ${FORMAT}.`);
  const [, gate = '', seconds, action, reminders] = match;
  if (!isGate(gate)) throw new InvalidArgumentError(`gate must be one of ${GATES.join(', ')}.`);
  if (seconds === undefined || action === undefined) return { ...previous, [gate]: null };
  if (!isAction(action)) {
    throw new InvalidArgumentError(`action must be one of ${GATE_TIMEOUT_ACTIONS.join(', ')}.`);
  }
  if (reminders !== undefined && action !== 'remind') {
    throw new InvalidArgumentError('max reminders applies to the remind action only.');
  }
  const timeout = {
    afterSeconds: inRange(seconds, MAX_GATE_TIMEOUT_SECONDS, 'seconds'),
    action,
    ...(reminders === undefined
      ? {}
      : { maxReminders: inRange(reminders, MAX_GATE_REMINDERS, 'max reminders') }),
  };
  return { ...previous, [gate]: timeout };
}
