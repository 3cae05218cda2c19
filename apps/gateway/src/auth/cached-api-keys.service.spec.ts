import { type ApiKeyRepository } from './api-key.repository';
import { CachedApiKeys, KEY_TRUST_MS } from './cached-api-keys.service';
import { type Principal } from './principal';

const VIEWER: Principal = { keyId: 'k1', name: 'viewer', role: 'viewer' };

describe(CachedApiKeys.name, () => {
  let table: Map<string, Principal>;
  let lookups: number;
  let sut: CachedApiKeys;
  beforeEach(() => {
    jest.useFakeTimers();
    table = new Map([['h1', VIEWER]]);
    lookups = 0;
    const repository = {
      findActive: async (hash: string) => {
        lookups += 1;
        return table.get(hash);
      },
    };
    sut = new CachedApiKeys(repository as unknown as ApiKeyRepository);
  });
  afterEach(() => jest.useRealTimers());

  it('asks the table once per second for an active key, and once for concurrent requests', async () => {
    await expect(Promise.all([sut.findActive('h1'), sut.findActive('h1')])).resolves.toEqual([
      VIEWER,
      VIEWER,
    ]);
    await sut.findActive('h1');
    expect(lookups).toBe(1);
  });

  it('refuses a revoked key once its second of trust is over', async () => {
    await sut.findActive('h1');
    table.delete('h1'); // revoked
    jest.advanceTimersByTime(KEY_TRUST_MS);
    await expect(sut.findActive('h1')).resolves.toBeUndefined();
  });

  it('does not remember unknown keys, so a key created a moment later works at once', async () => {
    await expect(sut.findActive('h2')).resolves.toBeUndefined();
    table.set('h2', VIEWER);
    await expect(sut.findActive('h2')).resolves.toEqual(VIEWER);
    expect(lookups).toBe(2);
  });

  it('does not remember a failed lookup', async () => {
    const failing = {
      findActive: jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(VIEWER),
    };
    sut = new CachedApiKeys(failing as unknown as ApiKeyRepository);
    await expect(sut.findActive('h1')).rejects.toThrow('down');
    await expect(sut.findActive('h1')).resolves.toEqual(VIEWER);
  });
});
