import { type GatewayConfig } from '../config';

/** The limits a principal works under; 0 (rate or projects) means no limit. */
export interface KeyLimits {
  readonly requestsPerMinute: number;
  readonly burst: number;
  readonly projectsInFlight: number;
}

/** What a key sets for itself; `null` takes the configured default. */
export type KeyLimitOverrides = { readonly [K in keyof KeyLimits]: number | null };

/** The configured defaults (SSO users always have them: they have no key row). */
export const limitDefaultsOf = (config: GatewayConfig): KeyLimits => ({
  requestsPerMinute: config.GATEWAY_RATE_LIMIT_PER_MINUTE,
  burst: config.GATEWAY_RATE_LIMIT_BURST,
  projectsInFlight: config.GATEWAY_PROJECTS_IN_FLIGHT_PER_KEY,
});

/** The limits that apply: each override, else its default. */
export const effectiveLimitsOf = (
  overrides: KeyLimitOverrides,
  defaults: KeyLimits,
): KeyLimits => ({
  requestsPerMinute: overrides.requestsPerMinute ?? defaults.requestsPerMinute,
  burst: overrides.burst ?? defaults.burst,
  projectsInFlight: overrides.projectsInFlight ?? defaults.projectsInFlight,
});
