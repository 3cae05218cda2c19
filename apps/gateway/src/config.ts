import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';
import { isRole, type Role, ROLES } from './auth/role';

const schemaName = (fallback: string) =>
  z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,55}$/, 'lower-case letters, digits and _ only')
    .default(fallback);

const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((item) => item.trim()))
    .transform((items) => items.filter((item) => item !== ''));

// Asymmetric only: a JWKS publishes public keys, and HS* would make the key set the secret.
const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

// `claim-value=role,...`: the last `=` splits, so a claim value may itself hold one.
const roleMap = () =>
  commaList('').transform((items, ctx) => {
    const map = new Map<string, Role>();
    for (const item of items) {
      const at = item.lastIndexOf('=');
      const value = item.slice(0, Math.max(at, 0)).trim();
      const role = at < 0 ? '' : item.slice(at + 1).trim();
      if (value === '' || !isRole(role) || map.has(value)) {
        const message = `"${item}": want claim-value=role, once per value, role one of ${ROLES.join(', ')}`;
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      map.set(value, role);
    }
    return map as ReadonlyMap<string, Role>;
  });

// What a browser sends as `Origin`: scheme, host and port, without path or trailing slash.
const isOrigin = (value: string): boolean => URL.canParse(value) && new URL(value).origin === value;

/** gateway's environment, parsed once before Nest starts. */
export const GatewayConfig = defineConfig({
  ...serviceEnv(3000),
  ORCHESTRATOR_SCHEMA: schemaName('orchestrator').describe(
    'schema of the orchestrator tables the gateway reads (projects, stages, approvals, events)',
  ),
  WORKER_SCHEMA: schemaName('cpu_worker').describe(
    'schema of the CPU worker tables the gateway reads (artifacts, llm_calls)',
  ),
  GATEWAY_ADMIN_API_KEY: z
    .string()
    .min(24, 'use at least 24 characters')
    .max(200)
    .optional()
    .describe('sensitive'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()))
    .transform((origins) => origins.filter((origin) => origin !== ''))
    .refine(
      (origins) => origins.every(isOrigin),
      'each must be an origin like https://app.example.com',
    )
    .describe('comma-separated origins allowed by CORS; empty (the default) turns CORS off'),
  GATEWAY_MAX_ACTIVE_PROJECTS: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(2_000)
    .describe(
      'queued + running projects (all replicas) beyond which submissions get 503 + Retry-After; 0: no limit',
    ),
  GATEWAY_OVERLOAD_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3_600).default(5),
  GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(600)
    .describe(
      'API requests per minute a key or SSO user may make (all replicas), unless its key overrides it; 0: no limit',
    ),
  GATEWAY_RATE_LIMIT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(100)
    .describe(
      'requests a key may make at once after a quiet spell (the bucket refills at the rate)',
    ),
  GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(50)
    .describe(
      'unfinished projects (queued, running or at a gate) a key or SSO user may have before submissions get 429; 0: no limit',
    ),
  GATEWAY_KEY_ROTATION_GRACE_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_592_000)
    .default(86_400)
    .describe(
      "how long a rotated API key's old secret keeps working (a rotation may ask for less or more: graceSeconds)",
    ),
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(8_388_608).default(1_048_576),
  // Capped so the recursive steps after the check (class-transformer, class-validator) stay safe.
  HTTP_JSON_MAX_DEPTH: z.coerce
    .number()
    .int()
    .min(4)
    .max(256)
    .default(32)
    .describe('JSON bodies nested deeper (objects and arrays) get 400 json-too-deep, unparsed'),
  HTTP_JSON_MAX_KEYS: z.coerce
    .number()
    .int()
    .min(16)
    .max(100_000)
    .default(1_000)
    .describe('JSON bodies with more object keys, all levels counted, get 400 json-too-many-keys'),
  SSE_POLL_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(600_000)
    .default(200)
    .describe(
      'SSE followers poll at this interval only while the events LISTEN connection is down',
    ),
  SSE_LISTEN_RECONNECT_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  SSE_KEEPALIVE_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  GATEWAY_OIDC_ISSUER: z
    .string()
    .url()
    .optional()
    .describe(
      'OIDC issuer, exactly as tokens carry it in `iss`; setting it turns JWT bearer tokens on',
    ),
  GATEWAY_OIDC_AUDIENCE: commaList('').describe(
    'comma-separated audiences; a token must name one in `aud` (required with GATEWAY_OIDC_ISSUER)',
  ),
  GATEWAY_OIDC_JWKS_URL: z
    .string()
    .url()
    .optional()
    .describe("the issuer's JWKS; default: jwks_uri of <issuer>/.well-known/openid-configuration"),
  GATEWAY_OIDC_ALGORITHMS: commaList('RS256,ES256')
    .refine((algs) => algs.length > 0, 'name at least one algorithm')
    .refine(
      (algs) => algs.every((alg) => (JWT_ALGORITHMS as readonly string[]).includes(alg)),
      `each must be one of ${JWT_ALGORITHMS.join(', ')}`,
    )
    .describe('signature algorithms accepted (asymmetric only; never none or HS*)'),
  GATEWAY_OIDC_ROLES_CLAIM: z
    .string()
    .regex(/^\S{1,200}$/, 'a claim name, or a dotted path such as realm_access.roles')
    .default('roles')
    .describe('claim carrying the roles: a string (space-separated values) or an array of strings'),
  GATEWAY_OIDC_ROLE_MAP: roleMap().describe(
    'claim value to gateway role, e.g. agentbus-admins=admin; empty: the role names themselves',
  ),
  GATEWAY_OIDC_WORKSPACES_CLAIM: z
    .string()
    .regex(/^\S{1,200}$/, 'a claim name, or a dotted path such as agentbus.workspaces')
    .optional()
    .describe("claim carrying an SSO user's workspaces (a string or strings); unset: the default"),
  GATEWAY_OIDC_DEFAULT_WORKSPACE: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'a lower-case slug')
    .default('default')
    .describe('workspace of an SSO user whose token names none'),
  GATEWAY_OIDC_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  GATEWAY_OIDC_JWKS_COOLDOWN_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600)
    .default(30)
    .describe('least time between two JWKS fetches a token with an unknown kid may cause'),
});
export type GatewayConfig = ReturnType<typeof GatewayConfig.load>;

/** Injection token of the parsed {@link GatewayConfig}. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
