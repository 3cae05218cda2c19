/** The console's pages, as `#/…` hash routes (the gateway serves one index.html; no key in a URL). */
export type Route =
  | { readonly page: 'inbox' }
  | { readonly page: 'projects'; readonly state?: string }
  | { readonly page: 'new-project' }
  | { readonly page: 'memory' }
  | { readonly page: 'skills' }
  | { readonly page: 'project'; readonly id: string }
  | { readonly page: 'gate'; readonly id: string; readonly gate: string }
  | {
      readonly page: 'artifact';
      readonly id: string;
      readonly stage: string;
      readonly version?: number;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** The route of a location hash; anything unknown or malformed is the home page (the inbox). */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((part) => part !== '');
  const params = new URLSearchParams(query);
  const [first, id, third, fourth, fifth] = parts;
  if (first === 'projects' && id === undefined) {
    const state = params.get('state');
    return state !== null && NAME.test(state) ? { page: 'projects', state } : { page: 'projects' };
  }
  if (first === 'projects' && id === 'new' && third === undefined) return { page: 'new-project' };
  if ((first === 'memory' || first === 'skills') && id === undefined) return { page: first };
  if (first === 'projects' && id !== undefined && UUID.test(id)) {
    if (third === undefined) return { page: 'project', id };
    if (third === 'gates' && fourth !== undefined && NAME.test(fourth) && fifth === undefined) {
      return { page: 'gate', id, gate: fourth };
    }
    if (third === 'artifacts' && fourth !== undefined && NAME.test(fourth) && fifth === undefined) {
      const version = Number(params.get('version'));
      return Number.isInteger(version) && version > 0
        ? { page: 'artifact', id, stage: fourth, version }
        : { page: 'artifact', id, stage: fourth };
    }
  }
  return { page: 'inbox' };
}

/** The hash of a route (the inverse of {@link parseRoute}). */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'inbox':
      return '#/';
    case 'projects':
      return route.state === undefined ? '#/projects' : `#/projects?state=${route.state}`;
    case 'new-project':
      return '#/projects/new';
    case 'memory':
      return '#/memory';
    case 'skills':
      return '#/skills';
    case 'project':
      return `#/projects/${route.id}`;
    case 'gate':
      return `#/projects/${route.id}/gates/${route.gate}`;
    case 'artifact':
      return `#/projects/${route.id}/artifacts/${route.stage}${
        route.version === undefined ? '' : `?version=${route.version}`
      }`;
  }
}
