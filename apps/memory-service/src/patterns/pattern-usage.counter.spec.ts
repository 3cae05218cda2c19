import { type AppLogger } from '@agentbus/observability';
import { type MemorySettings } from './memory.settings';
import { type PatternRepository, type PatternUse } from './pattern.repository';
import { PatternUsageCounter } from './pattern-usage.counter';

const counterWith = (
  usageFlushMs: number,
  addUses: (uses: readonly PatternUse[]) => Promise<void>,
) =>
  new PatternUsageCounter(
    { addUses } as unknown as PatternRepository,
    { usageFlushMs } as MemorySettings,
    { pino: { warn: jest.fn() } } as unknown as AppLogger,
  );

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 8, 0, seconds));

describe(PatternUsageCounter.name, () => {
  afterEach(() => jest.useRealTimers());

  it('writes the uses of many searches in one statement once the interval has passed', async () => {
    jest.useFakeTimers();
    const writes: PatternUse[][] = [];
    const sut = counterWith(1_000, async (uses) => void writes.push([...uses]));
    sut.count(['a', 'b'], at(1));
    sut.count(['a'], at(2));
    sut.count(['c', 'a'], at(3));
    expect(writes).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([
      [
        { id: 'a', uses: 3, lastUsedAt: at(3) },
        { id: 'b', uses: 1, lastUsedAt: at(1) },
        { id: 'c', uses: 1, lastUsedAt: at(3) },
      ],
    ]);
  });

  it('writes each search at once with an interval of 0', async () => {
    const writes: PatternUse[][] = [];
    const sut = counterWith(0, async (uses) => void writes.push([...uses]));
    sut.count(['a'], at(1));
    sut.count(['a'], at(2));
    await sut.flush();
    expect(writes).toEqual([
      [{ id: 'a', uses: 1, lastUsedAt: at(1) }],
      [{ id: 'a', uses: 1, lastUsedAt: at(2) }],
    ]);
  });

  it('keeps the uses of a failed write and adds them to the next one, counting each once', async () => {
    jest.useFakeTimers();
    const writes: PatternUse[][] = [];
    let fail = true;
    const sut = counterWith(1_000, async (uses) => {
      if (fail) throw new Error('connection lost');
      writes.push([...uses]);
    });
    sut.count(['a'], at(1));
    await sut.flush();
    fail = false;
    sut.count(['a', 'b'], at(2));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(writes).toEqual([
      [
        { id: 'a', uses: 2, lastUsedAt: at(2) },
        { id: 'b', uses: 1, lastUsedAt: at(2) },
      ],
    ]);
  });

  it('writes what is pending when the service shuts down', async () => {
    const writes: PatternUse[][] = [];
    const sut = counterWith(60_000, async (uses) => void writes.push([...uses]));
    sut.count(['a'], at(1));
    await sut.onApplicationShutdown();
    expect(writes).toEqual([[{ id: 'a', uses: 1, lastUsedAt: at(1) }]]);
  });
});
