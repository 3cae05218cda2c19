import { StageRunningV1 } from '@agentbus/contracts';
import { type Gateway, startGateway } from '../support/gateway-harness';
import { givenEvent, givenProject, givenStage } from '../support/read-model-rows';
import { openSse, type SseStream } from '../support/sse-client';

/** The `running` stage state and its `stage.running` event reach clients unchanged (issue 6). */
describe('a running stage', () => {
  let gw: Gateway;
  let stream: SseStream | undefined;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => {
    await stream?.close();
    await gw?.stop();
  });

  it('shows running in the project detail and streams stage.running', async () => {
    const id = await givenProject(gw, { state: 'running' });
    await givenStage(gw, id, { stage: 'prd', state: 'running', attempt: 1 });

    const response = await gw.call(`/v1/projects/${id}`, { as: 'viewer' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      state: 'running',
      stages: [{ stage: 'prd', state: 'running', attempt: 1 }],
    });

    const seq = await givenEvent(gw, id, `${StageRunningV1.entity}.${StageRunningV1.event}`, {
      stage: 'prd',
      attempt: 1,
    });
    stream = await openSse(`${gw.url}/v1/projects/${id}/events`, {
      authorization: `Bearer ${gw.keys.viewer}`,
    });
    const event = await stream.nextEvent();
    expect(event).toMatchObject({ id: String(seq), event: 'stage.running' });
    expect(JSON.parse(event?.data ?? '')).toMatchObject({ type: StageRunningV1.subject });
  });
});
