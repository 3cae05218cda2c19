import { type BusLogger } from '@agentbus/messaging';
import { Logger } from '@nestjs/common';

const line = (obj: object, msg?: string): string => `${msg ?? ''} ${JSON.stringify(obj)}`.trim();

/** A {@link BusLogger} over Nest's `Logger`, for apps that did not pass their pino logger. */
export function nestBusLogger(context = 'Bus'): BusLogger {
  const logger = new Logger(context);
  return {
    debug: (obj, msg) => logger.debug(line(obj, msg)),
    info: (obj, msg) => logger.log(line(obj, msg)),
    warn: (obj, msg) => logger.warn(line(obj, msg)),
    error: (obj, msg) => logger.error(line(obj, msg)),
  };
}
