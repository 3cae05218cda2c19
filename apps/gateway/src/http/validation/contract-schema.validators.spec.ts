import { ManualPatternId, PatternId } from '@agentbus/contracts';
import { validateSync } from 'class-validator';
import { z } from 'zod';
import { MatchesContract, patternOf } from './contract-schema.validators';

class PatternIds {
  @MatchesContract(PatternId, { message: 'bad id' })
  id!: unknown;

  @MatchesContract(PatternId, { each: true })
  ids!: unknown[];
}

const errorsOf = (id: unknown, ids: unknown[] = []) =>
  validateSync(Object.assign(new PatternIds(), { id, ids })).map((error) => ({
    property: error.property,
    messages: Object.values(error.constraints ?? {}),
  }));

describe(MatchesContract.name, () => {
  it('passes what the contract accepts', () => {
    expect(errorsOf('template-rest-api', ['artifact-0193a000:prd', 'x'])).toEqual([]);
  });

  it.each([['bad id'], ['-leading-dash'], ['x'.repeat(201)], [42], [undefined]])(
    'refuses %p as the contract does, with the message given',
    (id) => {
      expect(errorsOf(id)).toEqual([{ property: 'id', messages: ['bad id'] }]);
    },
  );

  it('checks each item of a list with each: true', () => {
    expect(errorsOf('ok', ['ok', 'not ok'])).toEqual([
      { property: 'ids', messages: ['does not match its contract'] },
    ]);
  });
});

describe(patternOf.name, () => {
  it("gives a string schema's regular expression, which matches as the schema does", () => {
    for (const schema of [PatternId, ManualPatternId]) {
      const pattern = new RegExp(patternOf(schema));
      for (const id of ['template-rest-api', 'manual-api-testing', 'Manual-X', 'a b', '']) {
        expect([id, pattern.test(id)]).toEqual([id, schema.safeParse(id).success]);
      }
    }
  });

  it('refuses a schema without one pattern', () => {
    expect(() => patternOf(z.number())).toThrow(/no single pattern/);
  });
});
