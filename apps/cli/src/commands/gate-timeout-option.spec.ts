import { InvalidArgumentError } from 'commander';
import { gateTimeoutOption } from './gate-timeout-option';

describe(gateTimeoutOption.name, () => {
  it.each([
    ['prd_approval=86400:approve', { prd_approval: { afterSeconds: 86_400, action: 'approve' } }],
    [
      'delivery_approval=3600:remind:3',
      { delivery_approval: { afterSeconds: 3_600, action: 'remind', maxReminders: 3 } },
    ],
    ['prd_approval=none', { prd_approval: null }],
  ])('reads %s', (value, expected) => {
    expect(gateTimeoutOption(value)).toEqual(expected);
  });

  it('adds each use to the previous ones', () => {
    const first = gateTimeoutOption('prd_approval=60:reject');
    expect(gateTimeoutOption('delivery_approval=none', first)).toEqual({
      prd_approval: { afterSeconds: 60, action: 'reject' },
      delivery_approval: null,
    });
  });

  it.each([
    ['prd_approval', /expected <gate>=<seconds>/],
    ['prd_approval=1e3:approve', /expected <gate>=<seconds>/],
    ['budget_exceeded=60:approve', /gate must be one of prd_approval, delivery_approval/],
    ['prd_approval=60:later', /action must be one of approve, reject, remind/],
    ['prd_approval=60:approve:2', /max reminders applies to the remind action only/],
    ['prd_approval=0:approve', /seconds must be 1 to 2592000/],
    ['prd_approval=60:remind:0', /max reminders must be 1 to 100/],
  ])('refuses %s, saying what is expected', (value, message) => {
    expect(() => gateTimeoutOption(value)).toThrow(InvalidArgumentError);
    expect(() => gateTimeoutOption(value)).toThrow(message);
  });
});
