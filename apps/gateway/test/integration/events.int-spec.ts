import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenEvent, givenProject, givenProjectState } from '../support/read-model-rows';
import { openSse, type SseStream } from '../support/sse-client';

describe('project events over SSE', () => {
  let gw: Gateway;
  const streams: SseStream[] = [];
  beforeAll(async () => {
    gw = await startGateway({ SSE_KEEPALIVE_MS: '300' });
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
  });
  afterAll(() => gw?.stop());

  const open = async (projectId: string, headers: Record<string, string> = {}, query = '') => {
    const stream = await openSse(`${gw.url}/v1/projects/${projectId}/events${query}`, {
      authorization: `Bearer ${gw.keys.viewer}`,
      ...headers,
    });
    streams.push(stream);
    return stream;
  };
  const started = async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const seqs = [
      await givenEvent(gw, projectId, 'project.started', { name: 'A project' }),
      await givenEvent(gw, projectId, 'stage.dispatched', { stage: 'prd', attempt: 1 }),
      await givenEvent(gw, projectId, 'stage.completed', { stage: 'prd', attempt: 1 }),
    ];
    return { projectId, seqs };
  };

  it('replays the history with seq ids and short names, follows new events, and ends after a terminal one', async () => {
    const { projectId, seqs } = await started();
    const stream = await open(projectId);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('cache-control')).toContain('no-cache');

    const first = await stream.nextEvent();
    expect(first).toMatchObject({ id: String(seqs[0]), event: 'project.started' });
    expect(JSON.parse(first?.data ?? '')).toMatchObject({
      seq: seqs[0],
      type: 'agentbus.workflow.v1.project.started',
      time: expect.any(String),
      projectId,
      data: { projectId, name: 'A project' },
    });
    expect(await stream.nextEvent()).toMatchObject({
      id: String(seqs[1]),
      event: 'stage.dispatched',
    });
    expect(await stream.nextEvent()).toMatchObject({
      id: String(seqs[2]),
      event: 'stage.completed',
    });
    expect(await stream.nextEvent()).toEqual({ event: 'cost', data: expect.any(String) });

    const live = await givenEvent(gw, projectId, 'approval.requested', { gate: 'prd_approval' });
    expect(await stream.nextEvent()).toMatchObject({
      id: String(live),
      event: 'approval.requested',
    });

    await givenProjectState(gw, projectId, 'completed');
    const done = await givenEvent(gw, projectId, 'project.completed');
    expect(await stream.nextEvent()).toMatchObject({
      id: String(done),
      event: 'project.completed',
    });
    expect(await stream.nextEvent()).toMatchObject({ event: 'cost' });
    expect(await stream.nextEvent()).toEqual({
      event: 'end',
      data: '{"reason":"project.completed"}',
    });
    expect(await stream.next()).toBeUndefined(); // the server closed the stream
  });

  it('resumes after Last-Event-ID (header, or ?lastEventId= for clients that cannot set it)', async () => {
    const { projectId, seqs } = await started();
    const byHeader = await open(projectId, { 'last-event-id': String(seqs[1]) });
    expect(await byHeader.nextEvent()).toMatchObject({ id: String(seqs[2]) });
    const byQuery = await open(projectId, {}, `?lastEventId=${seqs[0]}`);
    expect(await byQuery.nextEvent()).toMatchObject({ id: String(seqs[1]) });

    // A cost frame (no id of its own) follows stage.completed; a resume does not repeat it.
    expect(await byHeader.nextEvent()).toMatchObject({ event: 'cost' });
    const later = await givenEvent(gw, projectId, 'stage.dispatched', { stage: 'feature_tree' });
    expect(await byHeader.nextEvent()).toMatchObject({ id: String(later) });
    expect(await byQuery.nextEvent()).toMatchObject({ id: String(seqs[2]) });
    expect(await byQuery.nextEvent()).toMatchObject({ event: 'cost' });
    expect(await byQuery.nextEvent()).toMatchObject({ id: String(later) });
  });

  it('ends at once for a finished project, after the events the client has not seen', async () => {
    const { projectId, seqs } = await started();
    await givenProjectState(gw, projectId, 'failed');
    const failed = await givenEvent(gw, projectId, 'project.failed', { cause: 'boom' });

    const fromStart = await open(projectId);
    const names = [];
    for (
      let frame = await fromStart.nextEvent();
      frame !== undefined;
      frame = await fromStart.nextEvent()
    ) {
      names.push(frame.event);
    }
    expect(names).toEqual([
      'project.started',
      'stage.dispatched',
      'stage.completed',
      'cost',
      'project.failed',
      'cost',
      'end',
    ]);

    const caughtUp = await open(projectId, { 'last-event-id': String(failed) });
    expect(await caughtUp.nextEvent()).toEqual({
      event: 'end',
      data: '{"reason":"project.failed"}',
    });
    expect(seqs).toHaveLength(3);
  });

  it('sends keep-alive comments while nothing happens, and streams a project that is still queued', async () => {
    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'n', requirements: 'r' },
    });
    const { id } = (await submitted.json()) as { id: string };
    const stream = await open(id);
    expect(await stream.next()).toEqual({ comment: 'stream open' });
    expect(await stream.next(2_000)).toEqual({ comment: 'keep-alive' });
  });

  it('refuses an unknown project (404) and a bad Last-Event-ID (400) as problems, before streaming', async () => {
    const unknown = await gw.call('/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/events', {
      as: 'viewer',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const { projectId } = await started();
    const bad = await gw.call(`/v1/projects/${projectId}/events`, {
      as: 'viewer',
      headers: { 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'header Last-Event-ID' }] });
  });
});

describe('project events over SSE, at shutdown', () => {
  it('ends open streams when the gateway stops, so it stops in time', async () => {
    const gw = await startGateway();
    const projectId = await givenProject(gw, { state: 'running' });
    const stream = await openSse(`${gw.url}/v1/projects/${projectId}/events`, {
      authorization: `Bearer ${gw.keys.viewer}`,
    });
    expect(await stream.next()).toEqual({ comment: 'stream open' });
    const stopped = Date.now();
    await gw.stop();
    expect(Date.now() - stopped).toBeLessThan(5_000);
    expect(await stream.next()).toBeUndefined();
  });
});
