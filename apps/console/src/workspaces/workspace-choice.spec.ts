import { chosenWorkspace, workspaceChoiceOf } from './workspace-choice';

describe(workspaceChoiceOf.name, () => {
  it.each([[[]], [['team-a']]])('offers no choice for %p (the gateway knows where)', (spaces) => {
    expect(workspaceChoiceOf(spaces, 'team-b')).toEqual({ kind: 'fixed' });
  });

  it('asks for one of several, preselecting none until one was chosen', () => {
    expect(workspaceChoiceOf(['team-a', 'team-b'], undefined)).toEqual({
      kind: 'pick',
      options: ['team-a', 'team-b'],
      initial: '',
    });
  });

  it('starts from the workspace chosen last, if the key may still use it', () => {
    expect(workspaceChoiceOf(['team-a', 'team-b'], 'team-b')).toMatchObject({ initial: 'team-b' });
    expect(workspaceChoiceOf(['team-a', 'team-b'], 'team-c')).toMatchObject({ initial: '' });
  });

  it('lets an operator key (*) name any workspace', () => {
    expect(workspaceChoiceOf(['*'], undefined)).toEqual({ kind: 'any', initial: '' });
    expect(workspaceChoiceOf(['*'], 'team-c')).toEqual({ kind: 'any', initial: 'team-c' });
  });
});

describe(chosenWorkspace.name, () => {
  it('remembers the last workspace chosen', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
    expect(chosenWorkspace(storage).load()).toBeUndefined();
    chosenWorkspace(storage).save('team-b');
    expect(chosenWorkspace(storage).load()).toBe('team-b');
  });
});
