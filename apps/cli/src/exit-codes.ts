/** Process exit codes of `agent-bus`; the README lists them for scripts and CI. */
export const ExitCode = {
  ok: 0,
  /** watch, submit --watch and demo: the project failed or was cancelled. */
  projectFailed: 1,
  /** Bad arguments or input, refused before anything was sent. */
  usage: 2,
  /** The gateway could not be reached (refused, timed out, or the event stream was lost for good). */
  unreachable: 3,
  /** The gateway refused the request (a 4xx problem: auth, validation, not found, conflict). */
  refused: 4,
  /** The gateway failed (5xx) or answered in a shape this CLI does not understand. */
  gatewayError: 5,
  /** Stopped with Ctrl-C (128 + SIGINT): the project itself keeps running. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
