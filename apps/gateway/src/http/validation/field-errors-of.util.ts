import { type ValidationError } from 'class-validator';
import { type FieldError } from '../problem/problem';

// class-validator's whitelist constraint; its own message reads "property x should not exist".
const UNKNOWN_FIELD = 'whitelistValidation';

/** Flattens class-validator's error tree into one `{ path, message }` per broken rule. */
export function fieldErrorsOf(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      path,
      message: rule === UNKNOWN_FIELD ? 'is not a known field' : withoutSubject(message, error),
    }));
    return [...own, ...fieldErrorsOf(error.children ?? [], path)];
  });
}

// "name must be a string" -> "must be a string": the path already names the field.
function withoutSubject(message: string, error: ValidationError): string {
  const prefix = `${error.property} `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
