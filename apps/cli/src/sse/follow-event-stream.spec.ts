import { FAST } from '../../test/run-cli';
import { ApiProblemError, GatewayUnreachableError, StreamDroppedError } from '../errors/cli-errors';
import { followEventStream, type StreamItem } from './follow-event-stream';
import { type OpenStream } from './read-event-stream';

const body = (text: string, keepOpen = false) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        if (!keepOpen) controller.close();
      },
    }),
  );

const collect = async (open: OpenStream, timing = FAST) => {
  const items: StreamItem[] = [];
  const options = { signal: new AbortController().signal, timing, endEvent: 'end' };
  for await (const item of followEventStream(open, options)) items.push(item);
  return items;
};

const kinds = (items: StreamItem[]) =>
  items.map((i) =>
    i.kind === 'event' ? `${i.event.type}#${i.event.lastEventId}` : `reconnect@${i.lastEventId}`,
  );

describe(followEventStream.name, () => {
  it('resumes after the last id when a connection closes early, and stops at end', async () => {
    const asked: string[] = [];
    const open: OpenStream = async (lastEventId) => {
      asked.push(lastEventId);
      return asked.length === 1
        ? body('id: 1\nevent: a\ndata: {}\n\nid: 2\nevent: b\ndata: {}\n\n')
        : body(
            'id: 3\nevent: c\ndata: {}\n\nevent: end\ndata: {}\n\nid: 4\nevent: after\ndata: {}\n\n',
          );
    };
    expect(kinds(await collect(open))).toEqual(['a#1', 'b#2', 'reconnect@2', 'c#3', 'end#3']);
    expect(asked).toEqual(['', '2']);
  });

  it('gives up after maxReconnects attempts in a row that bring nothing', async () => {
    let calls = 0;
    const open: OpenStream = async () => {
      calls += 1;
      throw new GatewayUnreachableError('http://h', 'ECONNREFUSED');
    };
    await expect(collect(open)).rejects.toBeInstanceOf(GatewayUnreachableError);
    expect(calls).toBe(FAST.maxReconnects + 1);
  });

  it('does not retry a refusal (4xx): asking again will not help', async () => {
    let calls = 0;
    const open: OpenStream = async () => {
      calls += 1;
      throw new ApiProblemError(
        { type: 'about:blank', title: 'Not Found', status: 404 },
        'GET',
        '/x',
      );
    };
    await expect(collect(open)).rejects.toBeInstanceOf(ApiProblemError);
    expect(calls).toBe(1);
  });

  it('treats a silent connection as dropped and reconnects', async () => {
    const asked: string[] = [];
    const open: OpenStream = async (lastEventId) => {
      asked.push(lastEventId);
      return asked.length === 1
        ? body('id: 5\nevent: a\ndata: {}\n\n', true)
        : body('event: end\ndata: {}\n\n');
    };
    const items = await collect(open, { ...FAST, idleTimeoutMs: 50 });
    expect(items[1]).toMatchObject({
      kind: 'reconnecting',
      reason: 'no data from the gateway for 0 s',
      lastEventId: '5',
    });
    expect(asked).toEqual(['', '5']);
  });

  it('reports a stream that keeps closing without events as dropped', async () => {
    await expect(collect(async () => body(': keep-alive\n\n'))).rejects.toBeInstanceOf(
      StreamDroppedError,
    );
  });
});
