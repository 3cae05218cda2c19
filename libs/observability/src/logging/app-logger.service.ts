import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../observability.constants';
import { toNestLogEntry } from './nest-log-entry.util';

/**
 * Nest {@link LoggerService} backed by pino, so Nest's own lines (bootstrap, routes, exceptions) are
 * JSON like ours: `app.useLogger(app.get(AppLogger))`. The Nest context goes into `context`.
 */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(PINO_LOGGER) readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    params: readonly unknown[],
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const { fields, message: msg } = toNestLogEntry(message, params);
    this.pino[level](fields, msg);
  }
}
