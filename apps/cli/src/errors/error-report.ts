import {
  BusUnavailableError,
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  DeadLetterQueueNotFoundError,
} from '@agentbus/messaging';
import { ExitCode } from '../exit-codes';
import {
  ApiProblemError,
  GatewayUnreachableError,
  InterruptedError,
  StreamDroppedError,
  UnexpectedResponseError,
  UsageError,
} from './cli-errors';
import { type ErrorContext } from './error-context';
import { messageOf } from '../util/message-of.util';
import { problemHint } from './problem-hint';

/** What the user sees for an error, and how the process exits. */
export interface ErrorReport {
  readonly lines: readonly string[];
  readonly exitCode: ExitCode;
}

const report = (exitCode: ExitCode, message: string, hint?: string): ErrorReport => ({
  lines: hint === undefined ? [`error: ${message}`] : [`error: ${message}`, `hint: ${hint}`],
  exitCode,
});

/** Maps anything a command threw to the message and exit code the user gets. */
export function reportError(error: unknown, context: ErrorContext): ErrorReport {
  if (error instanceof UsageError) return report(ExitCode.usage, error.message, error.hint);
  if (error instanceof ApiProblemError) return problemReport(error, context);
  if (error instanceof GatewayUnreachableError || error instanceof StreamDroppedError) {
    const hint =
      error instanceof GatewayUnreachableError && error.code === 'TIMEOUT'
        ? 'the gateway is up but slow or stuck: retry, and check its log (.services/logs/gateway.log)'
        : `is the gateway running? start it with \`npm run up\`, or point --url / AGENT_BUS_URL at it`;
    return report(ExitCode.unreachable, error.message, hint);
  }
  if (error instanceof BusUnavailableError) {
    const hint = 'is NATS running? point --nats-url / NATS_URL at the servers the services use';
    return report(ExitCode.unreachable, error.message, hint);
  }
  if (error instanceof DeadLetterQueueNotFoundError) {
    const hint =
      'is --namespace / BUS_NAMESPACE the one the services run with? they create the stream at start';
    return report(ExitCode.refused, error.message, hint);
  }
  if (error instanceof DeadLetterNotFoundError || error instanceof DeadLetterNotReplayableError) {
    const hint = 'see the letters with `agent-bus dlq list` (same --namespace as the services)';
    return report(ExitCode.refused, error.message, hint);
  }
  if (error instanceof UnexpectedResponseError) {
    const hint = 'is --url / AGENT_BUS_URL an Agent Bus gateway of the same version as this CLI?';
    return report(ExitCode.gatewayError, error.message, hint);
  }
  if (error instanceof InterruptedError) {
    return { lines: [error.message], exitCode: ExitCode.interrupted };
  }
  const message = messageOf(error);
  const hint = 'this looks like a bug in agent-bus: please report it with the command you ran';
  return report(ExitCode.gatewayError, `unexpected failure: ${message}`, hint);
}

function problemReport(error: ApiProblemError, context: ErrorContext): ErrorReport {
  const { problem } = error;
  const fields = (problem.errors ?? []).map(({ path, message }) => `  - ${path}: ${message}`);
  const hint = problemHint(error, context);
  return {
    lines: [`error: ${error.message}`, ...fields, ...(hint === undefined ? [] : [`hint: ${hint}`])],
    exitCode: problem.status >= 500 ? ExitCode.gatewayError : ExitCode.refused,
  };
}
