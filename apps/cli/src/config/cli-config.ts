import { UsageError } from '../errors/cli-errors';

/** Where the gateway is (its README port) when neither --url nor AGENT_BUS_URL says. */
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The global options as commander parsed them. */
export interface GlobalFlags {
  readonly url?: string;
  readonly apiKey?: string;
}

export interface CliConfig {
  readonly baseUrl: URL;
  readonly apiKey: string | undefined;
  /** How to show a follow-up command: the same program, and --url when it came from the flag. */
  readonly command: (args: string) => string;
}

/** Resolves flags over environment over defaults; a bad URL is a usage error naming its source. */
export function resolveConfig(
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
): CliConfig {
  const fromFlag = nonEmpty(flags.url);
  const source = fromFlag !== undefined ? '--url' : 'AGENT_BUS_URL';
  const raw = fromFlag ?? nonEmpty(env['AGENT_BUS_URL']) ?? DEFAULT_URL;
  const baseUrl = parseUrl(raw, source);
  const prefix = `${programName(env)}${fromFlag === undefined ? '' : ` --url ${raw}`}`;
  return {
    baseUrl,
    apiKey: nonEmpty(flags.apiKey) ?? nonEmpty(env['AGENT_BUS_API_KEY']),
    command: (args) => `${prefix} ${args}`,
  };
}

/** `npm run agent-bus --` when run through the root script, so shown commands work as pasted. */
export const programName = (env: Readonly<Record<string, string | undefined>>): string =>
  env['npm_lifecycle_event'] === 'agent-bus' ? 'npm run agent-bus --' : 'agent-bus';

function parseUrl(raw: string, source: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(
      `${source} is not an http(s) URL: ${JSON.stringify(raw)}`,
      `use the gateway's address, e.g. ${DEFAULT_URL}`,
    );
  }
  return url;
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
