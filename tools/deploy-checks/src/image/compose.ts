import { parse } from 'yaml';

/** A Compose service, as far as these checks read it. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  readonly entrypoint?: unknown;
  readonly command?: unknown;
  readonly environment?: Record<string, string | number | boolean | null>;
  readonly volumes?: (string | { type?: string; source?: string; target?: string })[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly read_only?: boolean;
  readonly tmpfs?: string[];
  readonly cap_drop?: string[];
  readonly stop_grace_period?: string;
  readonly ports?: string[];
}

/** A Compose file, as far as these checks read it. */
export interface ComposeFile {
  readonly name?: string;
  readonly services: Record<string, ComposeService>;
  readonly volumes?: Record<string, unknown>;
}

/** Parses a Compose file; YAML merge keys (`<<: *anchor`) are resolved as Compose does. */
export function parseCompose(text: string): ComposeFile {
  const parsed = parse(text, { merge: true }) as Partial<ComposeFile> | null;
  if (parsed?.services === undefined) throw new Error('a Compose file needs services');
  return parsed as ComposeFile;
}

/** `${VAR:?message}` (or `${VAR?message}`) met an unset (or, with `:`, empty) variable. */
export class InterpolationError extends Error {
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'InterpolationError';
  }
}

/**
 * Compose's variable interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?err}`, `${VAR?err}`. Unset variables without a default become empty, as Compose does
 * (with a warning there).
 */
export function interpolate(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, operand?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const current = env[name];
      const missing = operator?.startsWith(':')
        ? current === undefined || current === ''
        : current === undefined;
      if (operator?.endsWith('-')) return missing ? (operand ?? '') : (current as string);
      if (operator?.endsWith('?') && missing) {
        throw new InterpolationError(name, operand ?? 'required');
      }
      return current ?? '';
    },
  );
}

/** Host paths of a service's bind mounts (relative to the Compose file), named volumes left out. */
export function bindSources(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((volume) => {
    if (typeof volume !== 'string') {
      return volume.type === 'bind' && volume.source ? [volume.source] : [];
    }
    const [source] = volume.split(':');
    return source !== undefined && /^[./~]/.test(source) ? [source] : [];
  });
}

/** `30s`, `1m30s`, `500ms` in milliseconds. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`not a Compose duration: ${text}`);
  }
  return parts.reduce(
    (sum, [, amount, unit]) => sum + Number(amount) * (units[unit as string] ?? 0),
    0,
  );
}
