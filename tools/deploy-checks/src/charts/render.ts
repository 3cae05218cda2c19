// Renders the parsed templates the way Helm's engine does, for the subset of Go's text/template and
// of the sprig functions that these charts use. It is not Helm: a function it does not know fails
// the render instead of guessing, and CI's `helm template` stays the authority. It exists so that a
// template that cannot render, or renders YAML that does not parse, is caught here and not first in
// CI: Helm cannot be installed on the machines the charts are written on.
import { type Command, type Expr, type Node, type Pipeline, parseTemplate } from './go-template';
import { isMap } from './helm-values';
import { type Define } from './template-analysis';
import { FUNCTIONS, RenderError, type Value, goPrint, kindOf, truthy } from './template-functions';

export { RenderError, goFloat } from './template-functions';

type Scope = Map<string, Value>;

/** The objects Helm gives a template besides .Values. */
export interface RenderRoot {
  readonly Values: Record<string, Value>;
  readonly Chart: Record<string, Value>;
  readonly Release: Record<string, Value>;
  readonly Capabilities: Record<string, Value>;
  readonly Template: Record<string, Value>;
}

/** Renders templates with the defines of a whole chart tree. */
export class Renderer {
  private depth = 0;

  /**
   * `strict` is `helm lint --strict` (Go's missingkey=error): reading a key a map does not have is
   * an error instead of nil.
   */
  constructor(
    private readonly defines: ReadonlyMap<string, Define>,
    private readonly strict = false,
  ) {}

  /** Renders a parsed file with a root context; Helm's "<no value>" becomes "". */
  render(nodes: readonly Node[], root: RenderRoot, file: string): string {
    return this.block(nodes, root, [new Map([['$', root]])], file).replace(/<no value>/g, '');
  }

  include(name: string, arg: Value, file: string): string {
    const define = this.defines.get(name);
    if (!define) throw new RenderError(`${file}: no template "${name}"`);
    if (++this.depth > 100) throw new RenderError(`${file}: include "${name}" recurses too deep`);
    try {
      return this.block(define.body, arg, [new Map([['$', arg]])], define.file);
    } finally {
      this.depth--;
    }
  }

  tpl(text: string, arg: Value, file: string): string {
    return this.block(parseTemplate(text), arg, [new Map([['$', arg]])], `${file} (tpl)`);
  }

  private block(nodes: readonly Node[], dot: Value, scopes: Scope[], file: string): string {
    const inner = [...scopes, new Map<string, Value>()];
    return nodes.map((n) => this.node(n, dot, inner, file)).join('');
  }

  private node(node: Node, dot: Value, scopes: Scope[], file: string): string {
    const at = `${file}:${node.line}`;
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'define':
        return '';
      case 'action': {
        const value = this.pipeline(node.pipeline, dot, scopes, at);
        return node.pipeline.decl.length > 0 ? '' : goPrint(value);
      }
      case 'template':
        return this.include(
          node.name,
          node.arg ? this.pipeline(node.arg, dot, scopes, at) : undefined,
          at,
        );
      case 'if':
        return truthy(this.pipeline(node.pipeline, dot, scopes, at))
          ? this.block(node.body, dot, scopes, file)
          : this.block(node.elseBody, dot, scopes, file);
      case 'with': {
        const value = this.pipeline(node.pipeline, dot, scopes, at);
        return truthy(value)
          ? this.block(node.body, value, scopes, file)
          : this.block(node.elseBody, dot, scopes, file);
      }
      case 'range':
        return this.range(node, dot, scopes, file, at);
    }
  }

  private range(
    node: Extract<Node, { kind: 'if' | 'with' | 'range' }>,
    dot: Value,
    scopes: Scope[],
    file: string,
    at: string,
  ): string {
    const value = this.pipeline({ ...node.pipeline, decl: [] }, dot, scopes, at);
    const items: [Value, Value][] = Array.isArray(value)
      ? value.map((v, i) => [BigInt(i), v])
      : isMap(value)
        ? Object.keys(value)
            .sort()
            .map((k) => [k, value[k]])
        : value === null || value === undefined
          ? []
          : (() => {
              throw new RenderError(`${at}: range can't iterate over ${goPrint(value)}`);
            })();
    if (items.length === 0) return this.block(node.elseBody, dot, scopes, file);
    const [first, second] = node.pipeline.decl;
    return items
      .map(([key, item]) => {
        const vars = new Map<string, Value>();
        if (second !== undefined && first !== undefined) {
          vars.set(first, key);
          vars.set(second, item);
        } else if (first !== undefined) {
          vars.set(first, item);
        }
        return this.block(node.body, item, [...scopes, vars], file);
      })
      .join('');
  }

  private pipeline(pipeline: Pipeline, dot: Value, scopes: Scope[], at: string): Value {
    let result: Value = undefined;
    pipeline.commands.forEach((command, i) => {
      result = this.command(command, dot, scopes, at, i === 0 ? [] : [result]);
    });
    for (const name of pipeline.decl) {
      const owner = pipeline.assign ? [...scopes].reverse().find((s) => s.has(name)) : undefined;
      if (pipeline.assign && owner === undefined) {
        throw new RenderError(`${at}: undefined variable ${name}`);
      }
      (owner ?? scopes[scopes.length - 1])?.set(name, result);
    }
    return result;
  }

  private command(
    command: Command,
    dot: Value,
    scopes: Scope[],
    at: string,
    piped: Value[],
  ): Value {
    const [head, ...rest] = command;
    if (head?.kind === 'ident') {
      if (head.name === 'and' || head.name === 'or') {
        return this.logic(head.name, rest, dot, scopes, at, piped);
      }
      const args = [...rest.map((a) => this.expr(a, dot, scopes, at)), ...piped];
      if (head.name === 'include') return this.include(String(args[0]), args[1], at);
      if (head.name === 'tpl') return this.tpl(String(args[0]), args[1], at);
      const fn = FUNCTIONS[head.name];
      if (fn === undefined) {
        throw new RenderError(`${at}: function "${head.name}" is not known here`);
      }
      try {
        return fn(args);
      } catch (error) {
        if (error instanceof RenderError && !error.message.startsWith(at)) {
          throw new RenderError(`${at}: ${error.message}`);
        }
        throw error;
      }
    }
    if (head === undefined) return undefined;
    if (rest.length > 0 || piped.length > 0) {
      throw new RenderError(`${at}: can't give arguments to a non-function`);
    }
    return this.expr(head, dot, scopes, at);
  }

  private logic(
    op: 'and' | 'or',
    rest: readonly Expr[],
    dot: Value,
    scopes: Scope[],
    at: string,
    piped: Value[],
  ): Value {
    const operands: (() => Value)[] = [
      ...rest.map((a) => () => this.expr(a, dot, scopes, at)),
      ...piped.map((p) => () => p),
    ];
    let value: Value = undefined;
    for (const operand of operands) {
      value = operand();
      if (op === 'and' ? !truthy(value) : truthy(value)) return value;
    }
    return value;
  }

  private expr(expr: Expr, dot: Value, scopes: Scope[], at: string): Value {
    switch (expr.kind) {
      case 'string':
        return expr.value;
      case 'number':
        return expr.text.includes('.') || /e/i.test(expr.text)
          ? Number(expr.text)
          : BigInt(expr.text);
      case 'bool':
        return expr.value;
      case 'nil':
        return null;
      case 'ident':
        return this.command([expr], dot, scopes, at, []);
      case 'pipeline':
        return this.pipeline(expr.pipeline, dot, scopes, at);
      case 'field': {
        let base: Value;
        if (expr.base.kind === 'dot') base = dot;
        else if (expr.base.kind === 'var') base = lookup(scopes, expr.base.name, at);
        else base = this.pipeline(expr.base.pipeline, dot, scopes, at);
        return expr.fields.reduce((value, field) => fieldOf(value, field, at, this.strict), base);
      }
    }
  }
}

function lookup(scopes: readonly Scope[], name: string, at: string): Value {
  for (let i = scopes.length - 1; i >= 0; i--) {
    if (scopes[i]?.has(name)) return scopes[i]?.get(name);
  }
  throw new RenderError(`${at}: undefined variable ${name}`);
}

function fieldOf(value: Value, field: string, at: string, strict: boolean): Value {
  if (value === null || value === undefined) {
    throw new RenderError(`${at}: nil pointer evaluating interface {}.${field}`);
  }
  if (!isMap(value)) {
    throw new RenderError(`${at}: can't evaluate field ${field} in type ${kindOf(value)}`);
  }
  if (strict && !(field in value)) {
    throw new RenderError(`${at}: map has no entry for key "${field}"`);
  }
  return value[field];
}
