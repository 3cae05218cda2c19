// The lexical half of the Go template reader: where the `{{ }}` actions are (strings and comments
// may hold braces), what the trim markers take off the text around them, and the tokens inside an
// action. go-template.ts builds the tree from these.

/** A syntax error, with the line it is on. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'TemplateSyntaxError';
  }
}

export interface RawAction {
  readonly body: string;
  readonly line: number;
}

export type Piece = { readonly text: string; readonly line: number } | RawAction;

export const isAction = (piece: Piece): piece is RawAction => 'body' in piece;

/**
 * Splits a template into text and the bodies of its `{{ }}` actions. Comments are dropped; trim
 * markers (`{{- ` and ` -}}`) are applied to the neighbouring text, as Go does.
 */
export function splitActions(source: string): Piece[] {
  const pieces: Piece[] = [];
  let at = 0;
  let line = 1;
  let trimNext = false;
  const pushText = (text: string, textLine: number): void => {
    const trimmed = trimNext ? text.replace(/^\s+/, '') : text;
    trimNext = false;
    if (trimmed !== '') pieces.push({ text: trimmed, line: textLine });
  };
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) {
      pushText(source.slice(at), line);
      break;
    }
    const startLine = line + countNewlines(source, at, open);
    const close = findClose(source, open + 2, startLine);
    const raw = source.slice(open + 2, close);
    const trimLeft = /^-\s/.test(raw);
    if (open > at) pushText(source.slice(at, open), line);
    else trimNext = false;
    if (trimLeft) trimPrevious(pieces);
    const body = raw.replace(/^-\s/, ' ').replace(/\s-$/, ' ').trim();
    if (!(body.startsWith('/*') && body.endsWith('*/'))) pieces.push({ body, line: startLine });
    trimNext = /\s-$/.test(raw);
    line = startLine + countNewlines(source, open, close + 2);
    at = close + 2;
  }
  return pieces;
}

function trimPrevious(pieces: Piece[]): void {
  const last = pieces[pieces.length - 1];
  if (last === undefined || isAction(last)) return;
  const text = last.text.replace(/\s+$/, '');
  if (text === '') pieces.pop();
  else pieces[pieces.length - 1] = { text, line: last.line };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

// The closing `}}`, skipping quoted strings and comments, which may contain braces.
function findClose(source: string, from: number, line: number): number {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 2;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(source, i, c);
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) break;
      i = end + 1;
    } else if (source.startsWith('}}', i)) {
      return i;
    } else {
      i++;
    }
  }
  throw new TemplateSyntaxError('unclosed action', line);
}

function skipQuoted(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

export type Token =
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'number'; readonly text: string }
  | { readonly t: 'lparen' | 'rparen' | 'pipe' | 'comma' | 'declare' | 'assign' }
  | { readonly t: 'ident'; readonly name: string }
  | { readonly t: 'field'; readonly fields: readonly string[] } // '.' alone has fields []
  | { readonly t: 'var'; readonly name: string; readonly fields: readonly string[] }
  | { readonly t: 'chain'; readonly fields: readonly string[] }; // '.a.b' right after ')'

const FIELD = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/;

/** Tokens of one action body. */
export function tokenize(body: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charAt(i);
    const rest = body.slice(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === '`' || c === "'") {
      const end = c === '`' ? body.indexOf('`', i + 1) + 1 : skipQuoted(body, i, c);
      if (end <= i) throw new TemplateSyntaxError('unterminated string', line);
      const raw = body.slice(i, end);
      tokens.push({
        t: 'string',
        value: c === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1),
      });
      i = end;
    } else if (rest.startsWith(':=')) {
      tokens.push({ t: 'declare' });
      i += 2;
    } else if (c === '=') {
      tokens.push({ t: 'assign' });
      i++;
    } else if ('()|,'.includes(c)) {
      const kinds = { '(': 'lparen', ')': 'rparen', '|': 'pipe', ',': 'comma' } as const;
      tokens.push({ t: kinds[c as keyof typeof kinds] });
      i++;
    } else if (c === '$') {
      const m = /^\$[A-Za-z0-9_]*/.exec(rest)?.[0] ?? '$';
      const chain = FIELD.exec(rest.slice(m.length))?.[0] ?? '';
      tokens.push({ t: 'var', name: m, fields: fieldsOf(chain) });
      i += m.length + chain.length;
    } else if (c === '.') {
      const chain = FIELD.exec(rest)?.[0];
      const after = tokens[tokens.length - 1];
      if (chain !== undefined && after?.t === 'rparen' && !/\s/.test(body.charAt(i - 1))) {
        tokens.push({ t: 'chain', fields: fieldsOf(chain) });
      } else {
        tokens.push({ t: 'field', fields: chain === undefined ? [] : fieldsOf(chain) });
      }
      i += chain?.length ?? 1;
    } else if (/[-+0-9]/.test(c)) {
      const m = /^[-+]?(0x[0-9a-fA-F]+|[0-9][0-9_]*(\.[0-9]+)?([eE][-+]?[0-9]+)?)/.exec(rest)?.[0];
      if (m === undefined) throw new TemplateSyntaxError(`unexpected ${c}`, line);
      tokens.push({ t: 'number', text: m });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? c;
      tokens.push({ t: 'ident', name: m });
      i += m.length;
    } else {
      throw new TemplateSyntaxError(`unexpected ${c}`, line);
    }
  }
  return tokens;
}

const fieldsOf = (chain: string): string[] => chain.split('.').filter((f) => f !== '');
