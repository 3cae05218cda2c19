import { type INestApplication } from '@nestjs/common';
import { type Logger } from 'pino';

/**
 * On SIGTERM/SIGINT: close the app (readiness fails first, SSE streams end, the bus drains,
 * Postgres closes) and exit 0, or exit 1 when that takes longer than `timeoutMs`.
 */
export function stopOnSignals(app: INestApplication, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const watchdog = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    watchdog.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
