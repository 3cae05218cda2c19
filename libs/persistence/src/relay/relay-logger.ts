import { type LoggerService } from '@nestjs/common';

/** The logger the relay writes to; Nest's `Logger` (the default) and most adapters fit. */
export type RelayLogger = Pick<LoggerService, 'log' | 'warn' | 'error'>;
