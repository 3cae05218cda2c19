import { ProjectCancelRequestedV1 } from '@agentbus/contracts';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { givenProject, givenProjectState } from '../support/read-model-rows';

// The hostile-input suite (seed 1234973052) once had POST /v1/projects/:id/cancel with
// `content-type: application/vnd.api+json` and a poisoned body answered 202: the parser read only
// `application/json`, the JSON check let `+json` through, so the body went unread and the cancel
// ran as if it had none. Every JSON-ish type is now read, and a body nothing read is refused.

/** JSON by any other spelling: a `+json` suffix, parameters, case. */
const JSON_ISH_TYPES = [
  'application/vnd.api+json',
  'Application/Vnd.Api+JSON',
  'application/vnd.api+json; charset=utf-8',
  'application/problem+json',
  'APPLICATION/JSON; Charset="UTF-8"; x=1',
];

interface Problem {
  status: number;
  errors?: { path: string; message: string }[];
}

describe('JSON bodies by any JSON media type', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const cancelsOf = async (projectId: string) => {
    await outboxDrained(gw);
    return (await messagesOn(gw.nc, gw.namespace, ProjectCancelRequestedV1.subject)).filter(
      (m) => m.envelope.data['projectId'] === projectId,
    );
  };
  const send = (path: string, method: string, type: string, body: string) =>
    gw.call(path, { method, as: 'admin', body, headers: { 'content-type': type } });

  it('refuses POST /v1/projects/:id/cancel as application/vnd.api+json with an unknown field (the seed 1234973052 case)', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const response = await send(
      `/v1/projects/${projectId}/cancel`,
      'POST',
      'application/vnd.api+json',
      '{"reason":"Stop.","zz-x":1}',
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as Problem).errors).toEqual([
      expect.objectContaining({ path: 'zz-x' }),
    ]);
    expect(await cancelsOf(projectId)).toEqual([]);
  });

  it.each(JSON_ISH_TYPES)('refuses a body on a route that takes none, sent as %s', async (type) => {
    const projectId = await givenProject(gw, { state: 'running' });
    await givenProjectState(gw, projectId, 'cancelled');
    const response = await send(`/v1/projects/${projectId}`, 'DELETE', type, '{"force":true}');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'force', message: 'is not a known field (this route takes no body)' }],
    });
    const stillThere = await gw.call(`/v1/projects/${projectId}`, { as: 'viewer' });
    expect(stillThere.status).toBe(200);
  });

  it.each(JSON_ISH_TYPES)('reads a valid cancel sent as %s, with its reason', async (type) => {
    const projectId = await givenProject(gw, { state: 'running' });
    const response = await send(
      `/v1/projects/${projectId}/cancel`,
      'POST',
      type,
      '{"reason":"Wrong requirements"}',
    );
    expect(response.status).toBe(202);
    const [cancel, ...more] = await cancelsOf(projectId);
    expect(more).toEqual([]);
    expect(cancel?.envelope.data).toMatchObject({ projectId, reason: 'Wrong requirements' });
  });

  it('refuses a body of a type the JSON parser does not read (415), and cancels nothing', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    for (const type of ['text/plain', 'application/jsonx', 'application/x-json', 'json']) {
      const response = await send(`/v1/projects/${projectId}/cancel`, 'POST', type, '{"zz":1}');
      expect([type, response.status]).toEqual([type, 415]);
    }
    expect(await cancelsOf(projectId)).toEqual([]);
  });
});
