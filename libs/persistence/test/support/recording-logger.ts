import { type RelayLogger } from '../../src';

/** A {@link RelayLogger} that keeps what it was told instead of printing it. */
export class RecordingLogger implements RelayLogger {
  readonly lines: { level: 'log' | 'warn' | 'error'; message: string }[] = [];

  log(message: string): void {
    this.lines.push({ level: 'log', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
}
