import { AgentBusApi } from '../api/agent-bus-api';
import { MemoryApi } from '../api/memory-api';
import { SkillsApi } from '../api/skills-api';
import { type GlobalFlags, resolveConfig } from '../config/cli-config';
import { HttpClient } from '../http/http-client';
import { type ExitCode } from '../exit-codes';
import { type CliIo, writeLine } from '../io';

/** What every command works with, built once the global options are parsed. */
export interface CommandContext {
  readonly io: CliIo;
  readonly api: AgentBusApi;
  /** The skills routes. */
  readonly skills: SkillsApi;
  /** The memory routes. */
  readonly memory: MemoryApi;
  /** How to show a follow-up command, e.g. `agent-bus watch <id>`. */
  readonly command: (args: string) => string;
  /** One line of the command's output. */
  readonly out: (line?: string) => void;
}

export function createContext(io: CliIo, flags: GlobalFlags): CommandContext {
  const config = resolveConfig(flags, io.env);
  const http = new HttpClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    timeoutMs: io.timing.requestTimeoutMs,
    signal: io.signal,
  });
  return {
    io,
    api: new AgentBusApi(http),
    skills: new SkillsApi(http),
    memory: new MemoryApi(http),
    command: config.command,
    out: (line) => writeLine(io.stdout, line),
  };
}

/** What a command registration needs: the context (built lazily) and where to put its exit code. */
export interface CommandDeps {
  readonly context: () => CommandContext;
  readonly setExit: (code: ExitCode) => void;
}
