import {
  type Bus,
  type DeadLetterFilter,
  getDeadLetter,
  listDeadLetters,
  readDeadLetters,
  replayDeadLetter,
  type StoredDeadLetter,
  whyNotReplayable,
} from '@agentbus/messaging';
import { type Command } from 'commander';
import {
  DEAD_LETTER_HEADER,
  deadLetterDetail,
  deadLetterJson,
  deadLetterRow,
} from '../dlq/dead-letter-view';
import { DEFAULT_NATS_URL, type DlqFlags, resolveBusTarget, withBus } from '../dlq/dlq-bus';
import { InterruptedError, UsageError } from '../errors/cli-errors';
import { ExitCode } from '../exit-codes';
import { type CliIo, writeLine } from '../io';
import { formatTable } from '../output/table';
import { type CommandDeps } from './command-context';
import { positiveInt } from './option-parsers';

interface FilterOptions {
  readonly subject?: string;
  readonly consumer?: string;
}

interface ListOptions extends FilterOptions {
  readonly limit: number;
  readonly json?: boolean;
}

interface ReplayOptions extends FilterOptions {
  readonly all?: boolean;
  readonly dryRun?: boolean;
}

/** `agent-bus dlq list|show|replay`: the dead-letter queue, read and replayed over NATS. */
export function registerDlq(program: Command, deps: CommandDeps, io: CliIo): void {
  const dlq = program
    .command('dlq')
    .description(
      'inspect and replay dead letters; talks to NATS directly (an operator tool, no API key)',
    )
    .option('--nats-url <url>', `NATS servers (env NATS_URL, default ${DEFAULT_NATS_URL})`)
    .option('--namespace <ns>', "the services' BUS_NAMESPACE (env BUS_NAMESPACE, default none)");
  const run = async (command: Command, work: (bus: Bus) => Promise<void>): Promise<void> => {
    const flags = command.optsWithGlobals<DlqFlags>();
    await withBus(resolveBusTarget(flags, io.env), work);
  };
  const out = (line?: string): void => writeLine(io.stdout, line);
  const err = (line: string): void => writeLine(io.stderr, line);

  dlq
    .command('list')
    .description('dead letters, oldest first (the newest --limit of them)')
    .option('--subject <pattern>', 'original subject; NATS wildcards work (agentbus.task.>)')
    .option('--consumer <durable>', 'the durable that gave up on it, e.g. orch-cpu-succeeded')
    .option('--limit <n>', 'newest n letters', positiveInt, 50)
    .option('--json', 'one JSON object per line (no payload)')
    .action((options: ListOptions, command: Command) =>
      run(command, async (bus) => {
        const { letters, total } = await listDeadLetters(bus, filterOf(options), options.limit);
        if (options.json === true) {
          letters.forEach((stored) => out(deadLetterJson(stored)));
          return;
        }
        if (total === 0) {
          out('no dead letters');
          return;
        }
        formatTable(DEAD_LETTER_HEADER, letters.map(deadLetterRow)).forEach((line) => out(line));
        if (total > letters.length) out(`(newest ${letters.length} of ${total}; --limit n)`);
        out(`  details:  agent-bus dlq show <seq>    replay:  agent-bus dlq replay <seq>`);
      }),
    );

  dlq
    .command('show')
    .description('one dead letter: reason, headers and the original payload')
    .argument('<seq|id>', 'its sequence in the DLQ stream (dlq list) or its id')
    .action((ref: string, _options: object, command: Command) =>
      run(command, async (bus) => {
        deadLetterDetail(await getDeadLetter(bus, ref)).forEach((line) => out(line));
      }),
    );

  dlq
    .command('replay')
    .description(
      'put original messages back on their subjects with their headers and envelope ids: consumers ' +
        'that applied one already skip it (inbox), and a letter replayed twice is deduplicated',
    )
    .argument('[refs...]', 'sequences (dlq list) or ids of the letters to replay')
    .option('--all', 'every dead letter that matches --subject / --consumer')
    .option('--subject <pattern>', 'with --all: original subject; NATS wildcards work')
    .option('--consumer <durable>', 'with --all: the durable that gave up on it')
    .option('--dry-run', 'say what would be replayed, replay nothing')
    .action((refs: string[], options: ReplayOptions, command: Command) => {
      checkSelection(refs, options); // before connecting: nothing is read or sent on bad arguments
      return run(command, async (bus) => {
        const letters = selectLetters(bus, refs, options);
        const tally = await replayAll(bus, letters, options.dryRun === true, io, out, err);
        out(summary(tally, options.dryRun === true));
        if (tally.failed > 0) deps.setExit(ExitCode.refused);
      });
    });
}

const filterOf = (options: FilterOptions): DeadLetterFilter => ({
  subject: options.subject,
  consumer: options.consumer,
});

function checkSelection(refs: readonly string[], options: ReplayOptions): void {
  if (options.all === true && refs.length > 0) {
    throw new UsageError('give dead letters or --all, not both');
  }
  if (options.all !== true && refs.length === 0) {
    throw new UsageError(
      'name the dead letters to replay, or --all',
      'see them with `agent-bus dlq list`',
    );
  }
  if (options.all !== true && (options.subject ?? options.consumer) !== undefined) {
    throw new UsageError('--subject and --consumer select letters for --all only');
  }
}

async function* selectLetters(
  bus: Bus,
  refs: readonly string[],
  options: ReplayOptions,
): AsyncGenerator<StoredDeadLetter> {
  if (options.all === true) {
    yield* readDeadLetters(bus, filterOf(options));
    return;
  }
  // Every named letter is looked up first: a mistyped one stops the command before anything is sent.
  const named: StoredDeadLetter[] = [];
  for (const ref of refs) named.push(await getDeadLetter(bus, ref));
  yield* named;
}

interface Tally {
  replayed: number;
  duplicates: number;
  failed: number;
}

async function replayAll(
  bus: Bus,
  letters: AsyncIterable<StoredDeadLetter>,
  dryRun: boolean,
  io: CliIo,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<Tally> {
  const tally: Tally = { replayed: 0, duplicates: 0, failed: 0 };
  for await (const { seq, letter } of letters) {
    if (io.signal.aborted) throw new InterruptedError('interrupted; letters not yet replayed stay');
    const what = `${seq} ${letter.data.subject} (${letter.data.consumer})`;
    const refused = whyNotReplayable(bus, letter);
    if (refused !== undefined) {
      tally.failed++;
      err(`skipped ${what}: ${refused}`);
    } else if (dryRun) {
      tally.replayed++;
      out(`would replay ${what}`);
    } else {
      const result = await replayDeadLetter(bus, letter);
      if (result.duplicate) {
        tally.duplicates++;
        out(`already replayed ${what}: the server dropped this copy`);
      } else {
        tally.replayed++;
        out(`replayed ${what} as stream sequence ${result.seq}`);
      }
    }
  }
  return tally;
}

function summary({ replayed, duplicates, failed }: Tally, dryRun: boolean): string {
  const parts = [`${replayed} ${dryRun ? 'to replay' : 'replayed'}`];
  if (duplicates > 0) parts.push(`${duplicates} already replayed`);
  if (failed > 0) parts.push(`${failed} not replayable`);
  return parts.join(', ');
}
