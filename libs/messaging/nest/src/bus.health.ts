import { type Bus, BusUnavailableError } from '@agentbus/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { BUS } from './bus.constants';

const JETSTREAM_TIMEOUT_MS = 1_000;

/** Readiness of the bus: register `check()` as a readiness check. */
@Injectable()
export class BusHealth {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  /** Throws {@link BusUnavailableError} when NATS is down or JetStream does not answer in 1 s. */
  async check(): Promise<void> {
    if (!this.bus.isConnected()) throw new BusUnavailableError('NATS connection is down');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new BusUnavailableError(`JetStream did not answer within ${JETSTREAM_TIMEOUT_MS} ms`),
          ),
        JETSTREAM_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.bus.jsm.getAccountInfo(), timeout]);
    } catch (error) {
      if (error instanceof BusUnavailableError) throw error;
      throw new BusUnavailableError('JetStream is unavailable', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
