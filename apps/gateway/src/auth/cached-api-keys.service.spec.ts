import { type ApiKeyRepository, type ActiveKey } from './api-key.repository';
import { type ApiKeyUsage } from './api-key-usage.service';
import { CachedApiKeys, KEY_TRUST_MS } from './cached-api-keys.service';
import { type Principal } from './principal';

const VIEWER: Principal = { keyId: 'k1', name: 'viewer', role: 'viewer', workspaces: ['default'] };
const active = (validUntil: Date | null = null): ActiveKey => ({ principal: VIEWER, validUntil });

describe(CachedApiKeys.name, () => {
  let table: Map<string, ActiveKey>;
  let lookups: number;
  let used: string[];
  let usage: ApiKeyUsage;
  let sut: CachedApiKeys;
  beforeEach(() => {
    jest.useFakeTimers();
    table = new Map([['h1', active()]]);
    lookups = 0;
    used = [];
    usage = { used: (keyId: string) => used.push(keyId) } as unknown as ApiKeyUsage;
    const repository = {
      findActive: async (hash: string) => {
        lookups += 1;
        return table.get(hash);
      },
    };
    sut = new CachedApiKeys(repository as unknown as ApiKeyRepository, usage);
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
    jest.advanceTimersByTime(KEY_TRUST_MS - 1);
    await expect(sut.findActive('h1')).resolves.toEqual(VIEWER);
    jest.advanceTimersByTime(1);
    await expect(sut.findActive('h1')).resolves.toBeUndefined();
  });

  it('trusts a key no longer than until it expires (or its rotation grace ends)', async () => {
    table.set('h1', active(new Date(Date.now() + 300)));
    await sut.findActive('h1');
    table.delete('h1'); // the table's query no longer finds it once expired
    jest.advanceTimersByTime(299);
    await expect(sut.findActive('h1')).resolves.toEqual(VIEWER);
    jest.advanceTimersByTime(1);
    await expect(sut.findActive('h1')).resolves.toBeUndefined();
    expect(lookups).toBe(2);
  });

  it('does not remember unknown keys, so a key created a moment later works at once', async () => {
    await expect(sut.findActive('h2')).resolves.toBeUndefined();
    table.set('h2', active());
    await expect(sut.findActive('h2')).resolves.toEqual(VIEWER);
    expect(lookups).toBe(2);
  });

  it('reports each authenticated use, cached or not, and no unknown key', async () => {
    await sut.findActive('h1');
    await sut.findActive('h1');
    await sut.findActive('h2');
    expect(used).toEqual(['k1', 'k1']);
  });

  it('does not remember a failed lookup', async () => {
    const failing = {
      findActive: jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValue(active()),
    };
    sut = new CachedApiKeys(failing as unknown as ApiKeyRepository, usage);
    await expect(sut.findActive('h1')).rejects.toThrow('down');
    await expect(sut.findActive('h1')).resolves.toEqual(VIEWER);
  });
});
