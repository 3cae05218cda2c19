import { staleInputsOf } from './stale-inputs.util';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describe(staleInputsOf.name, () => {
  const accepted = new Map([
    ['prd', at(30)],
    ['feature_tree', at(10)],
    ['plan', at(20)],
  ]);

  it('names the inputs accepted after the artifact was made', () => {
    // plan reads prd and feature_tree: prd was redone (minute 30) after this plan (minute 20).
    expect(staleInputsOf('plan', at(20), accepted)).toEqual(['prd']);
    expect(staleInputsOf('architecture', at(25), accepted)).toEqual(['prd']);
  });

  it('is empty for an artifact made after every input it reads', () => {
    expect(staleInputsOf('plan', at(31), accepted)).toEqual([]);
    expect(staleInputsOf('prd', at(0), accepted)).toEqual([]); // reads nothing
  });

  it('ignores stages that are not inputs, and inputs with no accepted version', () => {
    // uiux reads prd and architecture only (not plan); architecture has no accepted version.
    expect(staleInputsOf('uiux', at(25), new Map([['plan', at(40)]]))).toEqual([]);
    expect(staleInputsOf('unknown', at(0), accepted)).toEqual([]);
  });
});
