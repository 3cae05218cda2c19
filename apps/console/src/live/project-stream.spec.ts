import { followProjectStream, type StreamStatus } from './project-stream';
import { type SseEvent } from './sse-parser';

const streamOf = (text: string): Response =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );

describe(followProjectStream.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resumes after the last event id when the stream drops, and stops at event: end', async () => {
    const calls: { headers: Record<string, string> }[] = [];
    const answers = [
      () => streamOf('id: 1\nevent: stage.started\ndata: {}\n\n'),
      () => Promise.reject(new TypeError('gateway restarting')),
      () => streamOf('id: 2\nevent: stage.completed\ndata: {}\n\nid: 3\nevent: end\ndata: {}\n\n'),
    ];
    const fakeFetch = jest.fn((_url: unknown, init?: RequestInit) => {
      calls.push({ headers: init?.headers as Record<string, string> });
      const next = answers.shift();
      if (next === undefined) throw new Error('called after end');
      return Promise.resolve(next());
    });
    const events: SseEvent[] = [];
    const statuses: StreamStatus[] = [];
    followProjectStream({
      url: '/v1/projects/p/events',
      apiKey: 'secret',
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
      fetch: fakeFetch as unknown as typeof fetch,
      random: () => 0.5,
    });
    for (let i = 0; i < 3; i++) {
      await jest.runAllTimersAsync();
    }
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3']);
    expect(calls.map((call) => call.headers['last-event-id'])).toEqual([undefined, '1', '1']);
    expect(calls.every((call) => call.headers['authorization'] === 'Bearer secret')).toBe(true);
    expect(statuses).toEqual([
      'connecting',
      'live',
      'reconnecting',
      'reconnecting',
      'live',
      'ended',
    ]);
  });

  it('stops reconnecting once closed', async () => {
    const fakeFetch = jest.fn(() => Promise.reject(new TypeError('down')));
    const close = followProjectStream({
      url: '/e',
      apiKey: 'k',
      onEvent: () => undefined,
      onStatus: () => undefined,
      fetch: fakeFetch as unknown as typeof fetch,
    });
    await jest.advanceTimersByTimeAsync(0);
    close();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fakeFetch).toHaveBeenCalledTimes(1);
  });
});
