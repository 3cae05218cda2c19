// Values against values.schema.json the way `helm install/template/lint` checks them: the values are
// coalesced over the chart tree first, then each chart's schema validates the values it renders
// with (the parent's map under the dependency's name, globals merged in), skipping dependencies
// whose condition is false.
import Ajv, { type ValidateFunction } from 'ajv';
import { type Chart, valuesNode } from './chart-tree';
import { type Values, coalesce, isMap, valueAt } from './helm-values';

const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a values.schema.json (throws on an invalid schema or an unknown keyword: strict). */
export function compileSchema(schema: object): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}

/** One line per schema violation in the chart tree, for the given user values (-f files merged). */
export function validateChartValues(chart: Chart, user: Values = {}): string[] {
  return validateTree(chart, coalesce(valuesNode(chart), user), chart.meta.name);
}

function validateTree(chart: Chart, values: Values, where: string): string[] {
  const problems: string[] = [];
  if (chart.schema) {
    const validate = compileSchema(chart.schema);
    if (!validate(values)) {
      for (const e of validate.errors ?? []) {
        const extra =
          'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : '';
        problems.push(`${where}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`);
      }
    }
  }
  for (const dep of chart.dependencies) {
    const condition = chart.meta.dependencies?.find((d) => d.name === dep.meta.name)?.condition;
    if (condition !== undefined && valueAt(values, condition.split('.')) === false) continue;
    const own = values[dep.meta.name];
    problems.push(...validateTree(dep, isMap(own) ? own : {}, `${where} > ${dep.meta.name}`));
  }
  return problems;
}
