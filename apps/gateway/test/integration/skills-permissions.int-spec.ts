import { PermissionsExportV1, PermissionsImportV1 } from '@agentbus/contracts';
import {
  answer,
  type Bus,
  connectBus,
  QueryFailedError,
  type QueryResponder,
} from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';
import { type Gateway, startGateway } from '../support/gateway-harness';

const DOCUMENT = 'agents:\n  architect:\n    allow: [system-architecture]\n    deny: []\n';

// The registry's import and export have their own suite (apps/skills-registry); a responder on
// the real bus answers the real contracts, so this tests the gateway's part: routes, roles, media
// types, the request it sends and how a refusal becomes a problem.
describe('skills permissions as YAML through the API', () => {
  let gw: Gateway;
  let bus: Bus;
  const responders: QueryResponder[] = [];
  const imports: unknown[] = [];

  beforeAll(async () => {
    gw = await startGateway();
    bus = await connectBus({ servers: await natsUrl(), name: 'registry', namespace: gw.namespace });
    responders.push(await answer(bus, PermissionsExportV1, async () => ({ yaml: DOCUMENT })));
    responders.push(
      await answer(bus, PermissionsImportV1, async ({ data }) => {
        imports.push(data);
        if (data.yaml.includes('alow')) {
          throw new QueryFailedError(
            'invalid-permissions',
            'line 4: agents.architect.alow: is not a field of this document',
          );
        }
        return { agents: 1, capabilities: 0 };
      }),
    );
  });
  afterAll(async () => {
    for (const responder of responders) await responder.stop();
    await bus?.close();
    await gw?.stop();
  });

  it('exports the document as application/yaml to a viewer', async () => {
    const response = await gw.call('/v1/agents/skills.yaml', { as: 'viewer' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await response.text()).toBe(DOCUMENT);
  });

  it('imports for an admin only, as the caller', async () => {
    const denied = await gw.call('/v1/agents/skills.yaml', {
      method: 'PUT',
      as: 'viewer',
      json: { yaml: DOCUMENT },
    });
    expect(denied.status).toBe(403);
    expect(imports).toEqual([]);
    const done = await gw.call('/v1/agents/skills.yaml', {
      method: 'PUT',
      as: 'admin',
      json: { yaml: DOCUMENT },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ agents: 1, capabilities: 0 });
    expect(imports).toEqual([{ yaml: DOCUMENT, changedBy: 'bootstrap-admin' }]);
  });

  it("answers a refused document with 400 problem+json carrying the registry's line and field", async () => {
    const response = await gw.call('/v1/agents/skills.yaml', {
      method: 'PUT',
      as: 'admin',
      json: { yaml: `${DOCUMENT}    alow: [x]\n` },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:agentbus:problem:skill-invalid-permissions',
      detail: 'line 4: agents.architect.alow: is not a field of this document',
    });
  });

  it('refuses a body without the yaml string before asking the registry', async () => {
    const before = imports.length;
    for (const json of [{}, { yaml: 1 }, { yaml: 'a: 1', extra: true }]) {
      const response = await gw.call('/v1/agents/skills.yaml', {
        method: 'PUT',
        as: 'admin',
        json,
      });
      expect(response.status).toBe(400);
    }
    expect(imports.length).toBe(before);
  });
});
