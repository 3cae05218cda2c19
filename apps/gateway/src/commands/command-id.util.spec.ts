import { commandId } from './command-id.util';

describe(commandId.name, () => {
  it('is a uuid that depends only on its parts', () => {
    const sut = commandId('approval', '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', 'approve');
    expect(sut).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commandId('approval', '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', 'approve')).toBe(sut);
    expect(commandId('approval', '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', 'reject')).not.toBe(sut);
  });

  it('does not confuse parts that concatenate alike', () => {
    expect(commandId('ab', 'c')).not.toBe(commandId('a', 'bc'));
  });
});
