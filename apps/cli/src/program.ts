import { Command, CommanderError } from 'commander';
import { registerArtifacts } from './commands/artifacts.command';
import { registerCancel } from './commands/cancel.command';
import { createContext, type CommandDeps } from './commands/command-context';
import { registerDecide } from './commands/decide.command';
import { registerDelete } from './commands/delete.command';
import { registerDemo } from './commands/demo.command';
import { registerDlq } from './commands/dlq.command';
import { registerGet } from './commands/get.command';
import { registerKeys } from './commands/keys.command';
import { registerInbox } from './commands/inbox.command';
import { registerList } from './commands/list.command';
import { registerMemory } from './commands/memory.command';
import { registerRestart } from './commands/restart.command';
import { registerSkills } from './commands/skills.command';
import { registerSubmit } from './commands/submit.command';
import { registerWatch } from './commands/watch.command';
import { DEFAULT_URL, type GlobalFlags, programName } from './config/cli-config';
import { reportError } from './errors/error-report';
import { ExitCode } from './exit-codes';
import { type CliIo, writeLine } from './io';

const EXIT_CODES = `
Exit codes: 0 done (watch: project completed), 1 project failed or cancelled, 2 bad arguments,
3 gateway (dlq: NATS) unreachable, 4 request refused by the gateway (4xx; dlq: unknown or
unreplayable letter), 5 gateway error or unexpected answer, 130 interrupted (Ctrl-C; the project
keeps running).`;

/** Runs one command line in-process and resolves to its exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const program = buildProgram(io, {
    context: () => createContext(io, program.opts<GlobalFlags>()),
    setExit: (code) => (exitCode = code),
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    const flags = program.opts<GlobalFlags>();
    const apiKeySet = (flags.apiKey ?? io.env['AGENT_BUS_API_KEY'] ?? '').trim() !== '';
    const command = (args: string) => `${programName(io.env)} ${args}`;
    const report = reportError(error, { apiKeySet, command });
    report.lines.forEach((line) => writeLine(io.stderr, line));
    return report.exitCode;
  }
}

function buildProgram(io: CliIo, deps: CommandDeps): Command {
  const program = new Command('agent-bus')
    .description(
      'Submit requirements to Agent Bus, follow projects, decide gates, download artifacts, manage API keys, replay dead letters.',
    )
    .option('--url <url>', `gateway URL (env AGENT_BUS_URL, default ${DEFAULT_URL})`)
    .option('--api-key <key>', 'API key (env AGENT_BUS_API_KEY)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES);
  for (const register of [
    registerSubmit,
    registerWatch,
    registerDecide,
    registerInbox,
    registerCancel,
    registerRestart,
    registerDelete,
    registerList,
    registerGet,
    registerArtifacts,
    registerDemo,
    registerKeys,
    registerSkills,
    registerMemory,
  ]) {
    register(program, deps);
  }
  registerDlq(program, deps, io);
  return program;
}
