import { type ApiProblemError } from './cli-errors';
import { type ErrorContext } from './error-context';

const PROJECT_PATH = /^\/v1\/projects\/([^/?]+)(\/[^?]*)?/;

/** What to do next after the gateway refused a request, by status and by what was asked. */
export function problemHint(error: ApiProblemError, context: ErrorContext): string | undefined {
  const keyHint = error.path.startsWith('/v1/api-keys') ? apiKeyHint(error, context) : undefined;
  if (keyHint !== undefined) return keyHint;
  const [, id, rest = ''] = PROJECT_PATH.exec(error.path) ?? [];
  const get = id === undefined ? context.command('list') : context.command(`get ${id}`);
  switch (error.status) {
    case 400:
    case 422:
      return 'fix the values listed above and run the command again (--help lists the options)';
    case 401:
      return context.apiKeySet
        ? 'the API key was refused: check AGENT_BUS_API_KEY or --api-key (unknown, revoked or expired key, or rotated and past its grace period); an admin can make a new one with `agent-bus keys create` or `keys rotate`'
        : 'set AGENT_BUS_API_KEY or pass --api-key';
    case 403:
      return 'this API key lacks the role needed (viewer < requester < approver < admin): use another key or ask an admin';
    case 404:
      return rest.startsWith('/artifacts/')
        ? `no such artifact: \`${context.command(`artifacts ${id} --help`)}\`; list them with \`${context.command(`artifacts ${id}`)}\` after the stage ran`
        : `check the project id; \`${context.command('list')}\` shows your projects`;
    case 406:
      return 'the gateway cannot serve that format: try --format json';
    case 409:
      return conflictHint(rest, get, id === undefined ? '' : id, context);
    case 413:
      return 'the request is too large: shorten the requirements (the gateway caps their size)';
    case 429:
      return error.problem.type.endsWith(':too-many-projects-in-flight')
        ? `this key has as many unfinished projects as it may: wait for one to finish, or cancel one (\`${context.command('list')}\`); an admin can raise it with \`${context.command('keys limits <id> --projects-in-flight <n>')}\``
        : `too many requests: wait a moment and run the command again; an admin can raise the key's rate with \`${context.command('keys limits <id> --rate <n>')}\``;
    case 503:
      return 'a service behind the gateway is unavailable: retry in a moment; if it persists, check .services/logs/';
    default:
      return error.status >= 500
        ? 'the gateway failed: retry, and check its log (.services/logs/gateway.log when started with `npm run up`)'
        : undefined;
  }
}

function conflictHint(rest: string, get: string, id: string, context: ErrorContext): string {
  if (rest.startsWith('/approvals/')) {
    return `the gate is not open (already decided, or not reached yet): see the gates with \`${get}\``;
  }
  if (rest === '/cancel') return `the project has already ended: see \`${get}\``;
  if (rest === '/restart') {
    return `the project is still queued or running: follow it with \`${context.command(`watch ${id}`)}\`, or cancel it first`;
  }
  return `the project is not in a state that allows this: see \`${get}\``;
}

function apiKeyHint(error: ApiProblemError, context: ErrorContext): string | undefined {
  const list = `\`${context.command('keys list --all')}\``;
  switch (error.status) {
    case 403:
      return 'managing API keys needs an admin key: use one with --api-key or AGENT_BUS_API_KEY';
    case 404:
      return `check the key id: ${list} shows every key`;
    case 409:
      return error.path === '/v1/api-keys'
        ? `a current key has this name: rotate it (\`${context.command('keys rotate <id>')}\`) or revoke it first; ${list} shows its id`
        : `see the key's state with ${list}; a rotated key's successor can be rotated, otherwise create a new key`;
    default:
      return undefined;
  }
}
