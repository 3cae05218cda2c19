// A parser for the part of Go's text/template language that Helm charts use: actions, pipelines,
// variables, parenthesised calls and the block keywords. It builds the tree that the checks walk
// and render.ts renders. Helm is not installable here, so this is what reads the templates offline.
import {
  type Token,
  TemplateSyntaxError,
  isAction,
  splitActions,
  tokenize,
} from './template-lexer';

export { TemplateSyntaxError, splitActions } from './template-lexer';

/** A literal, a call or a field chain inside an action. */
export type Expr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'ident'; readonly name: string }
  /** `.a.b` on the dot, `$x.a` on a variable, `(pipeline).a` on a sub-pipeline. */
  | { readonly kind: 'field'; readonly base: FieldBase; readonly fields: readonly string[] }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline };

export type FieldBase =
  | { readonly kind: 'dot' }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline };

/** One command of a pipeline: a function and its arguments, or a single operand. */
export type Command = readonly Expr[];

export interface Pipeline {
  /** Variables declared (`:=`) or assigned (`=`) by the pipeline. */
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

export type Node =
  | { readonly kind: 'text'; readonly text: string; readonly line: number }
  | { readonly kind: 'action'; readonly pipeline: Pipeline; readonly line: number }
  | {
      readonly kind: 'if' | 'with' | 'range';
      readonly pipeline: Pipeline;
      readonly body: readonly Node[];
      /** The else branch; `else if`/`else with` arrive as a single nested block here. */
      readonly elseBody: readonly Node[];
      readonly line: number;
    }
  | {
      readonly kind: 'template';
      readonly name: string;
      readonly arg: Pipeline | undefined;
      readonly line: number;
    }
  | {
      readonly kind: 'define';
      readonly name: string;
      readonly body: readonly Node[];
      readonly line: number;
    };

/** Parses the pipeline of an action body (after any keyword). */
export function parsePipeline(tokens: readonly Token[], line: number): Pipeline {
  const parser = new PipelineParser(tokens, line);
  const pipeline = parser.pipeline();
  parser.expectEnd();
  return pipeline;
}

class PipelineParser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly line: number,
  ) {}

  pipeline(): Pipeline {
    const { decl, assign } = this.declaration();
    const commands: Command[] = [this.command()];
    while (this.peek()?.t === 'pipe') {
      this.at++;
      commands.push(this.command());
    }
    return { decl, assign, commands };
  }

  expectEnd(): void {
    if (this.at < this.tokens.length) throw new TemplateSyntaxError('unexpected token', this.line);
  }

  private declaration(): { decl: string[]; assign: boolean } {
    const vars: string[] = [];
    let i = this.at;
    for (;;) {
      const token = this.tokens[i];
      if (token?.t !== 'var' || token.fields.length > 0) return { decl: [], assign: false };
      vars.push(token.name);
      const next = this.tokens[i + 1];
      if (next?.t === 'comma') {
        i += 2;
      } else if (next?.t === 'declare' || next?.t === 'assign') {
        this.at = i + 2;
        return { decl: vars, assign: next.t === 'assign' };
      } else {
        return { decl: [], assign: false };
      }
    }
  }

  private command(): Command {
    const operands: Expr[] = [];
    for (let token = this.peek(); token !== undefined; token = this.peek()) {
      if (token.t === 'pipe' || token.t === 'rparen') break;
      operands.push(this.operand());
    }
    if (operands.length === 0) throw new TemplateSyntaxError('empty command', this.line);
    return operands;
  }

  private operand(): Expr {
    const token = this.tokens[this.at++];
    switch (token?.t) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', text: token.text };
      case 'field':
        return { kind: 'field', base: { kind: 'dot' }, fields: token.fields };
      case 'var':
        return { kind: 'field', base: { kind: 'var', name: token.name }, fields: token.fields };
      case 'ident':
        if (token.name === 'true' || token.name === 'false') {
          return { kind: 'bool', value: token.name === 'true' };
        }
        if (token.name === 'nil') return { kind: 'nil' };
        return { kind: 'ident', name: token.name };
      case 'lparen': {
        const inner = this.pipeline();
        if (this.tokens[this.at++]?.t !== 'rparen') {
          throw new TemplateSyntaxError('missing )', this.line);
        }
        const chain = this.peek();
        if (chain?.t === 'chain') {
          this.at++;
          return {
            kind: 'field',
            base: { kind: 'pipeline', pipeline: inner },
            fields: chain.fields,
          };
        }
        return { kind: 'pipeline', pipeline: inner };
      }
      case 'rparen':
      case 'pipe':
      case 'comma':
      case 'declare':
      case 'assign':
      case 'chain':
      case undefined:
        throw new TemplateSyntaxError(`unexpected ${token?.t ?? 'end'}`, this.line);
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
}

const KEYWORD = /^(if|with|range|else|end|define|block|template|break|continue)\b/;

interface OpenBlock {
  readonly kind: 'if' | 'with' | 'range' | 'define' | 'block';
  readonly pipeline: Pipeline | undefined;
  readonly name: string;
  readonly line: number;
  readonly body: Node[];
  elseBody: Node[] | undefined;
  /** `else if`/`else with` open a block that the same `end` closes. */
  readonly chained: boolean;
}

/** Parses a template file into its node tree. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: OpenBlock[] = [];
  const current = (): Node[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? root : (top.elseBody ?? top.body);
  };
  for (const piece of splitActions(source)) {
    if (!isAction(piece)) {
      current().push({ kind: 'text', text: piece.text, line: piece.line });
      continue;
    }
    const { body, line } = piece;
    const keyword = KEYWORD.exec(body)?.[1];
    const rest = keyword === undefined ? body : body.slice(keyword.length);
    const pipelineOf = (text: string): Pipeline => parsePipeline(tokenize(text, line), line);
    switch (keyword) {
      case undefined:
        current().push({ kind: 'action', pipeline: pipelineOf(body), line });
        break;
      case 'if':
      case 'with':
      case 'range':
        stack.push(open(keyword, pipelineOf(rest), '', line, false));
        break;
      case 'define':
      case 'block': {
        const tokens = tokenize(rest, line);
        const name = tokens[0];
        if (name?.t !== 'string') throw new TemplateSyntaxError(`${keyword} needs a name`, line);
        const arg = keyword === 'block' ? parsePipeline(tokens.slice(1), line) : undefined;
        stack.push(open(keyword, arg, name.value, line, false));
        break;
      }
      case 'template': {
        const tokens = tokenize(rest, line);
        const name = tokens[0];
        if (name?.t !== 'string') throw new TemplateSyntaxError('template needs a name', line);
        const arg = tokens.length > 1 ? parsePipeline(tokens.slice(1), line) : undefined;
        current().push({ kind: 'template', name: name.value, arg, line });
        break;
      }
      case 'else':
        elseBranch(stack, rest.trim(), line, pipelineOf);
        break;
      case 'end':
        closeBlocks(
          stack,
          line,
          (node) => current().push(node),
          () => current(),
        );
        break;
      case 'break':
      case 'continue':
        break;
    }
  }
  const unclosed = stack[0];
  if (unclosed !== undefined) {
    throw new TemplateSyntaxError(`unclosed ${unclosed.kind}`, unclosed.line);
  }
  return root;
}

function open(
  kind: OpenBlock['kind'],
  pipeline: Pipeline | undefined,
  name: string,
  line: number,
  chained: boolean,
): OpenBlock {
  return { kind, pipeline, name, line, body: [], elseBody: undefined, chained };
}

function elseBranch(
  stack: OpenBlock[],
  rest: string,
  line: number,
  pipelineOf: (text: string) => Pipeline,
): void {
  const top = stack[stack.length - 1];
  if (top === undefined || top.kind === 'define' || top.kind === 'block' || top.elseBody) {
    throw new TemplateSyntaxError('else without if/with/range', line);
  }
  top.elseBody = [];
  const chained = /^(if|with)\b/.exec(rest)?.[1] as 'if' | 'with' | undefined;
  if (chained !== undefined) {
    stack.push(open(chained, pipelineOf(rest.slice(chained.length)), '', line, true));
  }
}

// `end` closes the innermost block and every `else if`/`else with` chained to it.
function closeBlocks(
  stack: OpenBlock[],
  line: number,
  emit: (node: Node) => void,
  current: () => Node[],
): void {
  for (;;) {
    const block = stack.pop();
    if (block === undefined) throw new TemplateSyntaxError('end without a block', line);
    const node = toNode(block);
    if (block.kind === 'block') {
      emit({ kind: 'define', name: block.name, body: block.body, line: block.line });
      emit({ kind: 'template', name: block.name, arg: block.pipeline, line: block.line });
    } else {
      current().push(node);
    }
    if (!block.chained) return;
  }
}

function toNode(block: OpenBlock): Node {
  if (block.kind === 'define' || block.kind === 'block') {
    return { kind: 'define', name: block.name, body: block.body, line: block.line };
  }
  if (block.pipeline === undefined) {
    throw new TemplateSyntaxError('block without pipeline', block.line);
  }
  return {
    kind: block.kind,
    pipeline: block.pipeline,
    body: block.body,
    elseBody: block.elseBody ?? [],
    line: block.line,
  };
}
