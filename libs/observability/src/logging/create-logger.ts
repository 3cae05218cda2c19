import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { currentLogContext } from './log-context';
import { DEFAULT_REDACT_PATHS, REDACTED } from './redact-paths';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Written on every line as `service`. */
  readonly service: string;
  /** Default `info`. */
  readonly level?: LevelWithSilent | undefined;
  /** Where lines go; default stdout. Tests pass a collecting stream. */
  readonly destination?: DestinationStream | undefined;
  /** Extra pino redact paths on top of {@link DEFAULT_REDACT_PATHS}. */
  readonly redact?: readonly string[] | undefined;
}

/**
 * A pino JSON logger: `service`, ISO `time` and a string `level` on every line, plus the active
 * span's `traceId`/`spanId` and the fields of the current log context; common secrets redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Label strings ("info"), not numbers: log backends and humans filter on them directly.
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationFields,
      redact: { paths: [...DEFAULT_REDACT_PATHS, ...(options.redact ?? [])], censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function correlationFields(): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const span = trace.getSpan(context.active())?.spanContext();
  if (span && isSpanContextValid(span)) {
    fields['traceId'] = span.traceId;
    fields['spanId'] = span.spanId;
  }
  for (const [key, value] of Object.entries(currentLogContext() ?? {})) {
    if (value !== undefined) fields[key] = value;
  }
  return fields;
}
