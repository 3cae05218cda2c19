import { can, roleFromProbe } from './roles';

describe(can.name, () => {
  it('lets each role do what it and weaker roles may, and nothing stronger', () => {
    expect(can('viewer', 'submit')).toBe(false);
    expect(can('viewer', 'decide')).toBe(false);
    expect(can('requester', 'submit')).toBe(true);
    expect(can('requester', 'decide')).toBe(false);
    expect(can('approver', 'decide')).toBe(true);
    expect(can('approver', 'cancel')).toBe(true);
    expect(can('admin', 'decide')).toBe(true);
  });
});

describe(roleFromProbe.name, () => {
  const forbidden = (detail: string) => ({ title: 'Forbidden', status: 403, detail });

  it('reads admin from a 200 and the weaker role from the 403 detail', () => {
    expect(roleFromProbe(200, { items: [] })).toBe('admin');
    expect(
      roleFromProbe(403, forbidden('This route needs role admin; the key "ci" has viewer.')),
    ).toBe('viewer');
    expect(
      roleFromProbe(403, forbidden('This route needs role admin; the key "has x" has approver.')),
    ).toBe('approver');
  });

  it('reads no role from an unknown key, another status or a detail naming none', () => {
    expect(roleFromProbe(401, { title: 'Unauthorized', status: 401 })).toBeUndefined();
    expect(roleFromProbe(503, {})).toBeUndefined();
    expect(roleFromProbe(403, forbidden('Operators only.'))).toBeUndefined();
    expect(roleFromProbe(403, forbidden('the key "k" has root.'))).toBeUndefined();
  });
});
