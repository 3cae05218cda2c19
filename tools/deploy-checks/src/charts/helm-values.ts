// Helm's way of combining values (pkg/chartutil coalesce.go, re-written from its documented rules):
// user values win over a chart's values.yaml, maps merge and everything else is replaced, a null
// deletes the key, every dependency gets a map under its name in the parent's values, and the
// parent's `global` is merged over each dependency's.

export type Values = Record<string, unknown>;

export const isMap = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `over` merged onto `under`: maps merge recursively, anything else in `over` wins, null deletes. */
export function mergeValues(under: Values, over: Values): Values {
  const out: Values = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const base = out[key];
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(base)) out[key] = mergeValues(base, value);
    else out[key] = value;
  }
  return out;
}

/** A chart's values as Helm computes them: its own, its dependencies', the globals. */
export interface ChartValuesNode {
  readonly name: string;
  readonly values: Values;
  readonly dependencies: readonly ChartValuesNode[];
}

/** The values a chart renders with, given the user's values (-f files and --set, already merged). */
export function coalesce(chart: ChartValuesNode, user: Values = {}): Values {
  const values = mergeValues(chart.values, user);
  for (const dep of chart.dependencies) {
    const own = values[dep.name] ?? {};
    if (!isMap(own)) throw new Error(`${chart.name}: values.${dep.name} must be a map`);
    const parentGlobal = isMap(values['global']) ? values['global'] : {};
    const ownGlobal = isMap(own['global']) ? own['global'] : {};
    values[dep.name] = coalesce(dep, { ...own, global: mergeValues(ownGlobal, parentGlobal) });
  }
  return values;
}

/** How a dotted path meets a values tree. */
export type PathLookup =
  | { readonly found: true }
  /** A prefix ends in an empty map or null: a free-form map, so the rest cannot be checked. */
  | { readonly found: true; readonly open: true }
  | { readonly found: false; readonly missing: readonly string[]; readonly reason: string };

/** Whether `path` is defined in `values`. */
export function lookupPath(values: Values, path: readonly string[]): PathLookup {
  let node: unknown = values;
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as string;
    if (node === null || node === undefined) return { found: true, open: true };
    if (!isMap(node)) {
      return {
        found: false,
        missing: path.slice(0, i + 1),
        reason: `${path.slice(0, i).join('.')} is ${Array.isArray(node) ? 'a list' : 'not a map'}`,
      };
    }
    if (!(key in node)) {
      if (Object.keys(node).length === 0) return { found: true, open: true };
      return { found: false, missing: path.slice(0, i + 1), reason: 'not defined' };
    }
    node = node[key];
  }
  return { found: true };
}

/** The value at a path, or undefined. */
export function valueAt(values: Values, path: readonly string[]): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Every path to a leaf: a scalar, a list, or an empty map. */
export function leafPaths(values: Values, prefix: readonly string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) =>
    isMap(value) && Object.keys(value).length > 0
      ? leafPaths(value, [...prefix, key])
      : [[...prefix, key]],
  );
}

/** Every string anywhere under a value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isMap(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}
