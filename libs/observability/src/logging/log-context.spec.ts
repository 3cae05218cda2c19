import { currentLogContext, runWithLogContext } from './log-context';

describe(runWithLogContext.name, () => {
  it('exposes the context inside, across awaits, and nothing outside', async () => {
    const seen = await runWithLogContext({ correlationId: 'c-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentLogContext();
    });
    expect(seen).toEqual({ correlationId: 'c-1' });
    expect(currentLogContext()).toBeUndefined();
  });

  it('merges a nested context over the outer one; an explicit undefined clears a field', () => {
    const inner = runWithLogContext({ correlationId: 'c-1', causationId: 'm-0' }, () =>
      runWithLogContext({ subject: 'agentbus.gpu.v1.job.requested', causationId: undefined }, () =>
        currentLogContext(),
      ),
    );
    expect(inner).toEqual({
      correlationId: 'c-1',
      causationId: undefined,
      subject: 'agentbus.gpu.v1.job.requested',
    });
  });

  it('keeps concurrent contexts apart', async () => {
    const read = (id: string): Promise<string | undefined> =>
      runWithLogContext({ correlationId: id }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return currentLogContext()?.correlationId;
      });
    await expect(Promise.all([read('a'), read('b')])).resolves.toEqual(['a', 'b']);
  });
});
