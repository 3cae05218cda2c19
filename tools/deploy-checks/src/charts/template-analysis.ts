// Follows what each template reads from `.Values` without rendering it: the dot and the variables
// are tracked as "the root context", "a path under .Values", "a dict" or "unknown" through
// with/range blocks, variables, `index`, `dict`, `include`/`template` (into the defines of the
// chart and its dependencies) and `tpl` of strings that live in the values themselves.
import { type Command, type Expr, type Node, type Pipeline, parseTemplate } from './go-template';

export type Ctx =
  | { readonly kind: 'root' }
  | { readonly kind: 'values'; readonly path: readonly string[] }
  | { readonly kind: 'dict'; readonly fields: ReadonlyMap<string, Ctx> }
  | { readonly kind: 'unknown' };

const ROOT: Ctx = { kind: 'root' };
const UNKNOWN: Ctx = { kind: 'unknown' };

/** Where a template reads a value or calls a define. */
export interface Site {
  readonly file: string;
  readonly line: number;
}

export interface ValuesReference extends Site {
  readonly path: readonly string[];
}

export interface IncludeCall extends Site {
  readonly name: string;
  readonly resolved: boolean;
}

export interface Analysis {
  readonly references: ValuesReference[];
  readonly includes: IncludeCall[];
  /** `include` with a computed name: nothing can be checked behind it. */
  readonly dynamicIncludes: Site[];
}

export interface Define {
  readonly name: string;
  readonly file: string;
  readonly body: readonly Node[];
}

export interface TemplateFile {
  readonly file: string;
  readonly nodes: readonly Node[];
}

/** Parses files and collects their defines (a name defined twice keeps the first, as Helm warns). */
export function collectDefines(files: readonly TemplateFile[]): Map<string, Define> {
  const defines = new Map<string, Define>();
  const walk = (file: string, nodes: readonly Node[]): void => {
    for (const node of nodes) {
      if (node.kind === 'define') {
        if (!defines.has(node.name)) {
          defines.set(node.name, { name: node.name, file, body: node.body });
        }
        walk(file, node.body);
      } else if (node.kind === 'if' || node.kind === 'with' || node.kind === 'range') {
        walk(file, node.body);
        walk(file, node.elseBody);
      }
    }
  };
  for (const f of files) walk(f.file, f.nodes);
  return defines;
}

/**
 * What the given templates read from `.Values` and which defines they call. `valueStrings` returns
 * the template strings found under a values path (for `tpl`), so those are followed too.
 */
export function analyzeTemplates(
  files: readonly TemplateFile[],
  defines: ReadonlyMap<string, Define>,
  valueStrings: (path: readonly string[]) => string[],
  entry: Ctx = ROOT,
): Analysis {
  const analysis: Analysis = { references: [], includes: [], dynamicIncludes: [] };
  const interpreter = new Interpreter(analysis, defines, valueStrings);
  for (const f of files) interpreter.run(f.file, f.nodes, entry);
  return analysis;
}

type Scope = Map<string, Ctx>;

class Interpreter {
  private readonly analyzed = new Set<string>();
  private readonly tplSeen = new Set<string>();

  constructor(
    private readonly out: Analysis,
    private readonly defines: ReadonlyMap<string, Define>,
    private readonly valueStrings: (path: readonly string[]) => string[],
  ) {}

  run(file: string, nodes: readonly Node[], dot: Ctx): void {
    this.block(file, nodes, dot, [new Map([['$', dot]])]);
  }

  private block(file: string, nodes: readonly Node[], dot: Ctx, scopes: Scope[]): void {
    const inner = [...scopes, new Map<string, Ctx>()];
    for (const node of nodes) this.node(file, node, dot, inner);
  }

  private node(file: string, node: Node, dot: Ctx, scopes: Scope[]): void {
    const site = { file, line: 'line' in node ? node.line : 0 };
    switch (node.kind) {
      case 'text':
      case 'define': // analysed when called, with the caller's argument
        return;
      case 'action':
        this.pipeline(node.pipeline, dot, scopes, site);
        return;
      case 'template':
        this.call(node.name, node.arg ? this.pipeline(node.arg, dot, scopes, site) : UNKNOWN, site);
        return;
      case 'if': {
        this.pipeline(node.pipeline, dot, scopes, site);
        this.block(file, node.body, dot, scopes);
        this.block(file, node.elseBody, dot, scopes);
        return;
      }
      case 'with': {
        const value = this.pipeline(node.pipeline, dot, scopes, site);
        this.block(file, node.body, value, scopes);
        this.block(file, node.elseBody, dot, scopes);
        return;
      }
      case 'range': {
        // Elements of a list or map from values have no declared keys: they are unknown.
        const ranged = { ...node.pipeline, decl: [] };
        this.pipeline(ranged, dot, scopes, site);
        const loop = [...scopes, new Map(node.pipeline.decl.map((v) => [v, UNKNOWN] as const))];
        this.block(file, node.body, UNKNOWN, loop);
        this.block(file, node.elseBody, dot, scopes);
        return;
      }
    }
  }

  private pipeline(pipeline: Pipeline, dot: Ctx, scopes: Scope[], site: Site): Ctx {
    let result: Ctx = UNKNOWN;
    pipeline.commands.forEach((command, i) => {
      result = this.command(command, dot, scopes, site, i > 0);
    });
    if (pipeline.commands.length > 1) result = UNKNOWN;
    for (const name of pipeline.decl) this.bind(scopes, name, result, pipeline.assign);
    return result;
  }

  private bind(scopes: Scope[], name: string, value: Ctx, assign: boolean): void {
    const owner = assign ? [...scopes].reverse().find((s) => s.has(name)) : undefined;
    (owner ?? scopes[scopes.length - 1])?.set(name, value);
  }

  private command(command: Command, dot: Ctx, scopes: Scope[], site: Site, piped: boolean): Ctx {
    const [head, ...args] = command;
    if (head === undefined) return UNKNOWN;
    if (head.kind !== 'ident') {
      const value = this.expr(head, dot, scopes, site);
      args.forEach((a) => this.expr(a, dot, scopes, site));
      return args.length === 0 && !piped ? value : UNKNOWN;
    }
    const values = args.map((a) => this.expr(a, dot, scopes, site));
    switch (head.name) {
      case 'index':
        return this.index(values[0], args.slice(1), site);
      case 'dict':
        return dictOf(args, values);
      case 'include':
      case 'template': {
        const name = args[0];
        if (name?.kind === 'string') this.call(name.value, values[1] ?? UNKNOWN, site);
        else this.out.dynamicIncludes.push(site);
        return UNKNOWN;
      }
      case 'tpl':
        this.tpl(args[0], dot, scopes, values[1] ?? UNKNOWN, site);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private expr(expr: Expr, dot: Ctx, scopes: Scope[], site: Site): Ctx {
    switch (expr.kind) {
      case 'field': {
        const base =
          expr.base.kind === 'dot'
            ? dot
            : expr.base.kind === 'var'
              ? lookupVar(scopes, expr.base.name)
              : this.pipeline(expr.base.pipeline, dot, scopes, site);
        return this.fields(base, expr.fields, site);
      }
      case 'pipeline':
        return this.pipeline(expr.pipeline, dot, scopes, site);
      case 'string':
      case 'number':
      case 'bool':
      case 'nil':
      case 'ident':
        return UNKNOWN;
    }
  }

  private fields(base: Ctx, fields: readonly string[], site: Site): Ctx {
    let ctx = base;
    fields.forEach((field, i) => {
      if (ctx.kind === 'root') {
        ctx = field === 'Values' ? { kind: 'values', path: [] } : UNKNOWN;
      } else if (ctx.kind === 'values') {
        ctx = { kind: 'values', path: [...ctx.path, field] };
      } else if (ctx.kind === 'dict') {
        ctx = ctx.fields.get(field) ?? UNKNOWN;
      }
      if (ctx.kind === 'values' && ctx.path.length > 0 && i === fields.length - 1) {
        this.out.references.push({ ...site, path: ctx.path });
      }
    });
    return ctx;
  }

  private index(base: Ctx | undefined, keys: readonly Expr[], site: Site): Ctx {
    const literal = keys.every((k) => k.kind === 'string');
    const names = keys.flatMap((k) => (k.kind === 'string' ? [k.value] : []));
    if (base === undefined || !literal) return UNKNOWN;
    return this.fields(base, names, site);
  }

  private call(name: string, arg: Ctx, site: Site): void {
    const define = this.defines.get(name);
    this.out.includes.push({ ...site, name, resolved: define !== undefined });
    if (define === undefined) return;
    const key = `${name}\u0000${JSON.stringify(arg, mapReplacer)}`;
    if (this.analyzed.has(key)) return;
    this.analyzed.add(key);
    this.run(define.file, define.body, arg);
  }

  // `tpl <string> <ctx>`: the string is usually a value (or toYaml of one) holding a template.
  private tpl(text: Expr | undefined, dot: Ctx, scopes: Scope[], arg: Ctx, site: Site): void {
    const source = text === undefined ? UNKNOWN : this.tplSource(text, dot, scopes, site);
    if (source.kind !== 'values') return;
    for (const template of this.valueStrings(source.path)) {
      const key = `${template}\u0000${JSON.stringify(arg, mapReplacer)}`;
      if (this.tplSeen.has(key)) continue;
      this.tplSeen.add(key);
      const file = `${site.file} (tpl of .Values.${source.path.join('.')})`;
      this.run(file, parseTemplate(template), arg);
    }
  }

  private tplSource(text: Expr, dot: Ctx, scopes: Scope[], site: Site): Ctx {
    if (text.kind === 'pipeline') {
      const [command] = text.pipeline.commands;
      const [fn, arg] = command ?? [];
      const serializers = ['toYaml', 'toString', 'toJson'];
      if (
        text.pipeline.commands.length === 1 &&
        fn?.kind === 'ident' &&
        serializers.includes(fn.name) &&
        arg
      ) {
        return this.expr(arg, dot, scopes, site);
      }
    }
    return this.expr(text, dot, scopes, site);
  }
}

function lookupVar(scopes: readonly Scope[], name: string): Ctx {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const value = scopes[i]?.get(name);
    if (value !== undefined) return value;
  }
  return UNKNOWN;
}

function dictOf(args: readonly Expr[], values: readonly Ctx[]): Ctx {
  const fields = new Map<string, Ctx>();
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i];
    if (key?.kind === 'string') fields.set(key.value, values[i + 1] ?? UNKNOWN);
  }
  return { kind: 'dict', fields };
}

const mapReplacer = (_key: string, value: unknown): unknown =>
  value instanceof Map ? [...value.entries()] : value;
