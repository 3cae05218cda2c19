import { type Bus, BusUnavailableError } from '@agentbus/messaging';
import { BusHealth } from './bus.health';

const aBus = (connected: boolean, accountInfo: () => Promise<unknown>): Bus =>
  ({ isConnected: () => connected, jsm: { getAccountInfo: accountInfo } }) as unknown as Bus;

describe(BusHealth.name, () => {
  it('passes when connected and JetStream answers', async () => {
    const sut = new BusHealth(aBus(true, async () => ({})));
    await expect(sut.check()).resolves.toBeUndefined();
  });

  it('fails when the connection is down', async () => {
    const sut = new BusHealth(aBus(false, async () => ({})));
    await expect(sut.check()).rejects.toThrow(new BusUnavailableError('NATS connection is down'));
  });

  it('fails when JetStream does not answer within 1 s', async () => {
    jest.useFakeTimers();
    try {
      const sut = new BusHealth(aBus(true, () => new Promise(() => undefined)));
      const result = sut.check();
      jest.advanceTimersByTime(1_000);
      await expect(result).rejects.toThrow('JetStream did not answer within 1000 ms');
    } finally {
      jest.useRealTimers();
    }
  });

  it('wraps a JetStream error', async () => {
    const sut = new BusHealth(aBus(true, () => Promise.reject(new Error('jetstream not enabled'))));
    await expect(sut.check()).rejects.toMatchObject({
      name: 'BusUnavailableError',
      cause: new Error('jetstream not enabled'),
    });
  });
});
