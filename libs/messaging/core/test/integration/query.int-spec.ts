import {
  InvalidMessageError,
  MemorySearchV1,
  newMessageId,
  SkillsResolveV1,
  wireSubject,
} from '@agentbus/contracts';
import {
  answer,
  ask,
  type Bus,
  QueryFailedError,
  type QueryResponder,
  QueryTimeoutError,
} from '../../src';
import { memoryLogger, meta, openBus, testNamespace } from '../support';

const namespace = testNamespace();

describe('ask and answer (real NATS)', () => {
  let asker: Bus;
  let responderBus: Bus;
  const responders: QueryResponder[] = [];

  beforeAll(async () => {
    asker = await openBus(namespace, 'asker');
    responderBus = await openBus(namespace, 'responder', memoryLogger());
  });

  afterEach(async () => {
    await Promise.all(responders.splice(0).map((responder) => responder.stop({ timeoutMs: 100 })));
  });

  afterAll(async () => {
    await asker.close();
    await responderBus.close();
  });

  it('round-trips a typed request and answer', async () => {
    responders.push(
      await answer(responderBus, MemorySearchV1, async (request) => ({
        hits: [
          {
            id: 'p1',
            type: 'prd' as const,
            score: 0.9,
            text: `match for ${request.data.text} (k=${request.data.k})`,
            metadata: { correlation: request.correlationId },
          },
        ],
      })),
    );
    const correlationId = newMessageId();

    const result = await ask(
      asker,
      MemorySearchV1,
      { text: 'invoices' },
      { source: 'test', correlationId },
    );

    expect(result.hits).toEqual([
      {
        id: 'p1',
        type: 'prd',
        score: 0.9,
        text: 'match for invoices (k=5)',
        metadata: { correlation: correlationId },
      },
    ]);
  });

  it('answers an invalid request with a non-retryable error reply', async () => {
    let called = false;
    responders.push(
      await answer(responderBus, MemorySearchV1, async () => {
        called = true;
        return { hits: [] };
      }),
    );

    const reply = await asker.nc.request(
      wireSubject(namespace, MemorySearchV1.subject),
      JSON.stringify({ id: newMessageId(), type: MemorySearchV1.subject, data: { text: '' } }),
      { timeout: 2_000 },
    );

    expect(reply.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', retryable: false },
    });
    expect(called).toBe(false);
    await expect(ask(asker, MemorySearchV1, { text: '' }, meta())).rejects.toBeInstanceOf(
      InvalidMessageError,
    );
  });

  it('turns an error reply into a QueryFailedError with the responder’s code', async () => {
    responders.push(
      await answer(responderBus, SkillsResolveV1, async () => {
        throw new QueryFailedError('registry_busy', 'try again soon', { retryable: true });
      }),
    );

    const failure = await ask(asker, SkillsResolveV1, { agent: 'prd' }, meta()).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(failure).toMatchObject({
      code: 'registry_busy',
      retryable: true,
      message: 'try again soon',
    });
  });

  it('refuses a responder’s invalid response instead of passing it on', async () => {
    responders.push(
      await answer(responderBus, MemorySearchV1, async () => ({ hits: 'not a list' }) as never),
    );

    await expect(ask(asker, MemorySearchV1, { text: 'x' }, meta())).rejects.toMatchObject({
      name: 'QueryFailedError',
      code: 'invalid_response',
      retryable: false,
    });
  });

  it('shares requests across a queue group', async () => {
    const served: string[] = [];
    for (const name of ['a', 'b']) {
      responders.push(
        await answer(responderBus, MemorySearchV1, async () => {
          served.push(name);
          return { hits: [] };
        }),
      );
    }

    await Promise.all(
      Array.from({ length: 20 }, () => ask(asker, MemorySearchV1, { text: 'q' }, meta())),
    );

    expect(served).toHaveLength(20);
  });

  it('reports a query nobody answers as a timeout', async () => {
    const failure = await ask(asker, MemorySearchV1, { text: 'anyone?' }, meta(), {
      timeoutMs: 500,
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QueryTimeoutError);
    expect(failure).toMatchObject({ noResponders: true, subject: MemorySearchV1.subject });
  });

  it('reports a responder that takes too long as a timeout', async () => {
    responders.push(await answer(responderBus, MemorySearchV1, () => new Promise(() => undefined)));

    const failure = await ask(asker, MemorySearchV1, { text: 'slow' }, meta(), {
      timeoutMs: 300,
    }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QueryTimeoutError);
    expect(failure).toMatchObject({ noResponders: false, timeoutMs: 300 });
  });
});
