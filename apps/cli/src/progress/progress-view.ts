import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { writeLine } from '../io';
import { formatDuration, formatUsd } from '../output/format';
import { type ProgressSummary, tokensWithCached } from './progress-summary';

/** Where watch output goes: an animated bar on a terminal, plain lines elsewhere. */
export interface ProgressView {
  /** Lines about what happened (events, reconnects, gate hints), then the new totals. */
  show(lines: readonly string[], summary: ProgressSummary): void;
  stop(): void;
}

type Out = NodeJS.WritableStream & { readonly isTTY?: boolean };

/** A bar when `out` is a terminal; one line per event for CI logs and pipes. */
export const createProgressView = (out: Out): ProgressView =>
  out.isTTY === true ? new BarView(out) : new LineView(out);

/** Prefixes each event line with `[done/total]`, so a log shows progress without a bar. */
class LineView implements ProgressView {
  constructor(private readonly out: Out) {}

  show(lines: readonly string[], summary: ProgressSummary): void {
    for (const line of lines) {
      // Indented lines (gate commands, notes) belong to the event line above them.
      writeLine(
        this.out,
        line.startsWith(' ') ? line : `[${summary.done}/${summary.total}] ${line}`,
      );
    }
  }

  stop(): void {
    // nothing to tear down: every line is already written
  }
}

const payloadOf = (summary: ProgressSummary) => ({
  current: summary.current.join(', '),
  elapsed: summary.elapsedMs === undefined ? '-' : formatDuration(summary.elapsedMs),
  tokens: tokensWithCached(summary.tokens, summary.cachedTokens),
  cost: formatUsd(summary.costUsd),
});

/** cli-progress with the event lines logged above the bar. */
class BarView implements ProgressView {
  private readonly bars: MultiBar;
  private bar: SingleBar | undefined;

  constructor(out: Out) {
    this.bars = new MultiBar(
      {
        stream: out,
        format: '{bar} {value}/{total} stages | {current} | {elapsed} | {tokens} | {cost}',
        hideCursor: true,
        clearOnComplete: false,
        gracefulExit: false, // Ctrl-C is ours: the watch stops and says how to resume
      },
      Presets.shades_classic,
    );
  }

  show(lines: readonly string[], summary: ProgressSummary): void {
    if (lines.length > 0) this.bars.log(`${lines.join('\n')}\n`);
    if (this.bar === undefined) {
      this.bar = this.bars.create(summary.total, summary.done, payloadOf(summary));
    } else {
      this.bar.setTotal(summary.total);
      this.bar.update(summary.done, payloadOf(summary));
    }
  }

  stop(): void {
    this.bars.stop();
  }
}
