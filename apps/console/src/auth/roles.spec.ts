import { can } from './roles';

describe(can.name, () => {
  it('lets each role do what it and weaker roles may, and nothing stronger', () => {
    expect(can('viewer', 'submit')).toBe(false);
    expect(can('viewer', 'decide')).toBe(false);
    expect(can('requester', 'submit')).toBe(true);
    expect(can('requester', 'decide')).toBe(false);
    expect(can('approver', 'decide')).toBe(true);
    expect(can('approver', 'cancel')).toBe(true);
    expect(can('admin', 'decide')).toBe(true);
    expect(can('approver', 'administer')).toBe(false);
    expect(can('admin', 'administer')).toBe(true);
  });
});
