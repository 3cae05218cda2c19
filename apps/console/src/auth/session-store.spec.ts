import { sessionStore } from './session-store';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
};

describe(sessionStore.name, () => {
  it('keeps a session until it is cleared', () => {
    const storage = memoryStorage();
    const store = sessionStore(storage);
    const session = {
      apiKey: 'k'.repeat(32),
      role: 'approver',
      name: 'ci',
      workspaces: ['a', 'b'],
    };
    store.save({ ...session, role: 'approver' });
    expect(store.load()).toEqual(session);
    store.clear();
    expect(store.load()).toBeUndefined();
  });

  it('reads a session saved before names and workspaces were kept', () => {
    const storage = memoryStorage();
    storage.setItem('agentbus.console.session', '{"apiKey":"k","role":"viewer"}');
    expect(sessionStore(storage).load()).toEqual({
      apiKey: 'k',
      role: 'viewer',
      name: '',
      workspaces: [],
    });
  });

  it.each(['not json', '{"apiKey":"k","role":"root"}', '{"apiKey":"","role":"viewer"}'])(
    'drops a damaged entry %s',
    (raw) => {
      const storage = memoryStorage();
      storage.setItem('agentbus.console.session', raw);
      expect(sessionStore(storage).load()).toBeUndefined();
      expect(storage.items.size).toBe(0);
    },
  );
});
