/** What error hints need to know about how the CLI was called. */
export interface ErrorContext {
  readonly apiKeySet: boolean;
  /** A command line to show, e.g. `agent-bus get <id>`. */
  readonly command: (args: string) => string;
}
