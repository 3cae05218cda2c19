export { defineConfig, ConfigError, redactConfig, type ConfigLoader } from './define-config';
export { commonEnv, booleanFromEnv } from './common-env';
export { faultPoint } from './fault-point';
