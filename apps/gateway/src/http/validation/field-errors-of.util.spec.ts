import { type ValidationError } from 'class-validator';
import { fieldErrorsOf } from './field-errors-of.util';

const anError = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
) => ({ property, constraints, children }) as ValidationError;

describe(fieldErrorsOf.name, () => {
  it('names each broken rule by its dotted path, without repeating the field name', () => {
    const errors = [
      anError('name', { isString: 'name must be a string' }),
      anError('options', undefined, [
        anError('budget', undefined, [
          anError('maxTokens', { isInt: 'maxTokens must be an integer number' }),
        ]),
      ]),
    ];
    expect(fieldErrorsOf(errors)).toEqual([
      { path: 'name', message: 'must be a string' },
      { path: 'options.budget.maxTokens', message: 'must be an integer number' },
    ]);
  });

  it('says an unknown field is not known', () => {
    const errors = [
      anError('priority', { whitelistValidation: 'property priority should not exist' }),
    ];
    expect(fieldErrorsOf(errors)).toEqual([{ path: 'priority', message: 'is not a known field' }]);
  });
});
