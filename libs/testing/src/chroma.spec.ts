import { memoryCollectionPrefix } from './chroma';

describe(memoryCollectionPrefix.name, () => {
  it('turns a test namespace into a prefix memory-service accepts', () => {
    const prefix = memoryCollectionPrefix('t_0a1b2c3d4e5f');
    expect(prefix).toBe('t-0a1b2c3d4e5f-');
    // memory-service's MEMORY_COLLECTION_PREFIX rule (apps/memory-service/src/config.ts).
    expect(prefix).toMatch(/^[a-z0-9][a-z0-9._-]{0,40}$/);
  });
});
