import { randomUUID } from 'node:crypto';
import { eventsChannel } from '@agentbus/persistence';
import { eventually } from '@agentbus/testing';
import { EventNotifications } from '../../src/events/event-notifications';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenEvent, givenProject } from '../support/read-model-rows';
import { openSse, type SseStream } from '../support/sse-client';

// The poll interval is a minute in these tests: a live event that arrives at all was pushed.
const NEVER_POLL = '60000';

/** Appends `count` events for each project in one INSERT (one statement, one NOTIFY); their seqs. */
async function givenEvents(gw: Gateway, projectIds: readonly string[], count: number) {
  const values = projectIds.flatMap((projectId) =>
    Array.from({ length: count }, (_, i) => [randomUUID(), projectId, `{"n":${i}}`]),
  );
  const { rows } = await gw.sql.query<{ seq: string; project_id: string }>(
    `INSERT INTO "${gw.schemas.orchestrator}".events (id, project_id, type, data)
     SELECT id, project_id, 'agentbus.workflow.v1.stage.dispatched', data::jsonb
     FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(id, project_id, data)
     RETURNING seq, project_id`,
    [values.map((v) => v[0]), values.map((v) => v[1]), values.map((v) => v[2])],
  );
  return rows;
}

const listening = (gw: Gateway) => gw.app.get(EventNotifications).isListening;

// Ends this gateway's LISTEN connection (known by its last query: other gateways may be running).
async function drop(gw: Gateway): Promise<void> {
  const { rowCount } = await gw.sql.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`,
    [`LISTEN "${eventsChannel(gw.schemas.orchestrator)}"`],
  );
  expect(rowCount).toBe(1);
  await eventually(() => expect(listening(gw)).toBe(false));
}

/** Reads `count` events off `stream`, as seqs, failing on a gap of more than `timeoutMs`. */
async function seqsOf(stream: SseStream, count: number, timeoutMs = 5_000): Promise<number[]> {
  const seqs: number[] = [];
  while (seqs.length < count) seqs.push(Number((await stream.nextEvent(timeoutMs))?.id));
  return seqs;
}

describe('project events pushed by the orchestrator NOTIFY', () => {
  const streams: SseStream[] = [];
  let gw: Gateway | undefined;
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
    await gw?.stop();
    gw = undefined;
  });

  const follow = async (gateway: Gateway, projectId: string) => {
    const stream = await openSse(`${gateway.url}/v1/projects/${projectId}/events`, {
      authorization: `Bearer ${gateway.keys.viewer}`,
    });
    streams.push(stream);
    expect(await stream.next()).toEqual({ comment: 'stream open' });
    return stream;
  };

  it('delivers every appended event once, in order, without polling', async () => {
    gw = await startGateway({ SSE_POLL_INTERVAL_MS: NEVER_POLL });
    await eventually(() => expect(listening(gw as Gateway)).toBe(true));
    const followed = await givenProject(gw, { state: 'running' });
    const other = await givenProject(gw, { state: 'running' });
    const stream = await follow(gw, followed);
    const watcher = await follow(gw, followed);

    const expected: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      expected.push(await givenEvent(gw, followed, 'stage.dispatched', { round }));
      await givenEvent(gw, other, 'stage.dispatched', { round });
    }
    const batch = await givenEvents(gw, [followed, other], 50);
    expected.push(...batch.filter((row) => row.project_id === followed).map((r) => Number(r.seq)));

    expect(await seqsOf(stream, expected.length)).toEqual(expected);
    expect(await seqsOf(watcher, expected.length)).toEqual(expected);
    await expect(stream.nextEvent(300)).rejects.toThrow(/no SSE frame/); // and nothing twice
  });

  it('falls back to polling while the LISTEN connection is lost', async () => {
    gw = await startGateway({ SSE_POLL_INTERVAL_MS: '100', SSE_LISTEN_RECONNECT_MS: NEVER_POLL });
    await eventually(() => expect(listening(gw as Gateway)).toBe(true));
    const projectId = await givenProject(gw, { state: 'running' });
    const stream = await follow(gw, projectId);
    await drop(gw);

    const expected = (await givenEvents(gw, [projectId], 5)).map((row) => Number(row.seq));
    expect(await seqsOf(stream, 5)).toEqual(expected);
    expect(listening(gw)).toBe(false); // so polling delivered them
  });

  it('listens again after a loss, and catches up on what was appended meanwhile', async () => {
    gw = await startGateway({ SSE_POLL_INTERVAL_MS: NEVER_POLL, SSE_LISTEN_RECONNECT_MS: '300' });
    await eventually(() => expect(listening(gw as Gateway)).toBe(true));
    const projectId = await givenProject(gw, { state: 'running' });
    const stream = await follow(gw, projectId);
    await drop(gw);

    const meanwhile = (await givenEvents(gw, [projectId], 3)).map((row) => Number(row.seq));
    await eventually(() => expect(listening(gw as Gateway)).toBe(true));
    const after = await givenEvent(gw, projectId, 'stage.completed', { stage: 'prd' });
    expect(await seqsOf(stream, 4)).toEqual([...meanwhile, after]);
  });
});
