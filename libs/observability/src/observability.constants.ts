/** Injection token of the process's root pino `Logger`, as built by `createLogger`. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');
