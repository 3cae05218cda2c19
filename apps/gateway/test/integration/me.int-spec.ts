import { type Gateway, startGateway } from '../support/gateway-harness';

interface Me {
  keyId: string;
  name: string;
  role: string;
  roles: string[];
  workspaces: string[];
}

describe('GET /v1/me: who the caller is', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  it.each(['viewer', 'requester', 'approver'] as const)(
    'answers a %s key with its id, name, role and workspaces, never its secret',
    async (role) => {
      const response = await gw.call('/v1/me', { as: role });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(gw.keys[role]);
      const me = JSON.parse(text) as Me;
      const { rows } = await gw.sql.query<{ id: string }>(
        `SELECT id FROM "${gw.schemas.gateway}".api_keys WHERE name = $1`,
        [`test-${role}`],
      );
      expect(me).toEqual({
        keyId: rows[0]?.id,
        name: `test-${role}`,
        role,
        roles: ['viewer', 'requester', 'approver', 'admin'],
        workspaces: ['default'],
      });
    },
  );

  it('names the workspaces of a key made for several', async () => {
    const created = await gw.call('/v1/api-keys', {
      method: 'POST',
      json: { name: 'two-teams', role: 'approver', workspaces: ['team-a', 'team-b'] },
    });
    expect(created.status).toBe(201);
    const { key, id } = (await created.json()) as { key: string; id: string };
    const me = (await (await gw.call('/v1/me', { as: { key } })).json()) as Me;
    expect(me).toMatchObject({ keyId: id, role: 'approver', workspaces: ['team-a', 'team-b'] });
  });

  it('refuses an unknown key with a 401 problem', async () => {
    const response = await gw.call('/v1/me', { as: { key: 'abk_not-a-real-key' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:unauthenticated',
      status: 401,
    });
  });
});
