/** Injection token of the connected {@link Bus}. */
export const BUS = Symbol('agentbus:bus');
/** Injection token of the resolved {@link BusModuleOptions}. */
export const BUS_MODULE_OPTIONS = Symbol('agentbus:bus-module-options');
/** Metadata key set by `@OnMessage`. */
export const ON_MESSAGE = 'agentbus:on-message';
/** Metadata key set by `@OnQuery`. */
export const ON_QUERY = 'agentbus:on-query';
/** Metadata key set by `@OnPriorityGroup`. */
export const ON_PRIORITY_GROUP = 'agentbus:on-priority-group';
