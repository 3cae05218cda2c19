import { type Me } from '../api/gateway-types';
import { isRole, type Role } from './roles';

/** A signed-in key and who the gateway says it is (`GET /v1/me`). */
export interface Session {
  readonly apiKey: string;
  readonly role: Role;
  /** The key's name (recorded as decidedBy); empty for a session saved before names were kept. */
  readonly name: string;
  /** Where the key sees and acts (`*`: every workspace); empty for a session saved before. */
  readonly workspaces: readonly string[];
}

/** The session of `apiKey` from the gateway's answer to `GET /v1/me`. */
export const sessionOf = (
  apiKey: string,
  me: Pick<Me, 'role' | 'name' | 'workspaces'>,
): Session => ({
  apiKey,
  role: me.role,
  name: me.name,
  workspaces: me.workspaces,
});

const KEY = 'agentbus.console.session';

/**
 * The session in sessionStorage: it ends with the tab, is never written to a URL, and is read by no
 * other origin. A damaged entry is dropped (the person signs in again).
 */
export const sessionStore = (storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) => ({
  load(): Session | undefined {
    const raw = storage.getItem(KEY);
    if (raw === null) return undefined;
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const { apiKey, role, name, workspaces } = parsed;
      if (typeof apiKey === 'string' && apiKey !== '' && isRole(role)) {
        return {
          apiKey,
          role,
          name: typeof name === 'string' ? name : '',
          workspaces: isStringList(workspaces) ? workspaces : [],
        };
      }
    } catch {
      // not JSON: fall through and drop it
    }
    storage.removeItem(KEY);
    return undefined;
  },
  save(session: Session): void {
    storage.setItem(KEY, JSON.stringify(session));
  },
  clear(): void {
    storage.removeItem(KEY);
  },
});

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
