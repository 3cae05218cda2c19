import { type AppLogger } from '@agentbus/observability';
import { type ApiKeyLifecycleRepository } from './api-key-lifecycle.repository';
import { ApiKeyUsage, LAST_USED_RESOLUTION_MS } from './api-key-usage.service';

describe(ApiKeyUsage.name, () => {
  let marks: string[];
  let markUsed: jest.Mock;
  let warn: jest.Mock;
  let sut: ApiKeyUsage;
  beforeEach(() => {
    jest.useFakeTimers();
    marks = [];
    markUsed = jest.fn(async (keyId: string) => {
      marks.push(keyId);
      return true;
    });
    warn = jest.fn();
    const logger = { pino: { warn } } as unknown as AppLogger;
    sut = new ApiKeyUsage({ markUsed } as unknown as ApiKeyLifecycleRepository, logger);
  });
  afterEach(() => jest.useRealTimers());

  it('writes a key at its first use, then not again within the minute, whatever the traffic', () => {
    for (let i = 0; i < 1_000; i += 1) sut.used('k1');
    jest.advanceTimersByTime(LAST_USED_RESOLUTION_MS - 1);
    sut.used('k1');
    expect(marks).toEqual(['k1']);
    jest.advanceTimersByTime(1);
    sut.used('k1');
    expect(marks).toEqual(['k1', 'k1']);
  });

  it('keeps a minute per key, not one for all keys', () => {
    sut.used('k1');
    sut.used('k2');
    sut.used('k1');
    expect(marks).toEqual(['k1', 'k2']);
  });

  it('logs a failed write and tries again at the next use', async () => {
    markUsed.mockRejectedValueOnce(new Error('down'));
    sut.used('k1');
    await jest.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ keyId: 'k1' }),
      'could not record an API key use',
    );
    sut.used('k1');
    expect(markUsed).toHaveBeenCalledTimes(2);
  });
});
