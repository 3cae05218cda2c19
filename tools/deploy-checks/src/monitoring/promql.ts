/**
 * Just enough PromQL reading to name the metrics an expression selects: a lexer plus the few rules
 * that tell a metric name from a function, an aggregation, a keyword or a label name. Syntax errors
 * are promtool's business (the specs run `promtool check rules` on every expression).
 */

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'punct'; text: string }
  | { kind: 'other'; text: string };

// Words that are never metric names where they stand (operators, modifiers, grouping).
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
]);
// Followed by a parenthesised list of label names, not of expressions.
const LABEL_LIST_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

function lex(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const rest = expr.slice(i);
    const char = expr[i] ?? '';
    if (/\s/.test(char)) {
      i++;
    } else if (char === '#') {
      const end = expr.indexOf('\n', i);
      i = end === -1 ? expr.length : end;
    } else if (char === '"' || char === "'" || char === '`') {
      // A string: skip to its closing quote (backslash escapes, except in raw backtick strings).
      let j = i + 1;
      while (j < expr.length && expr[j] !== char) j += char !== '`' && expr[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'other', text: expr.slice(i, j + 1) });
      i = j + 1;
    } else if (char === '[') {
      // A range or subquery: durations and Grafana variables, never a metric.
      const end = expr.indexOf(']', i);
      i = end === -1 ? expr.length : end + 1;
      tokens.push({ kind: 'other', text: '[…]' });
    } else if (/^[0-9.]/.test(char)) {
      // A number or duration (1e3, 0x1f, 5m, 1h30m, Inf and NaN are identifiers-as-numbers).
      const number = /^(?:0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?(?:[smhdwy]|ms)*)/i.exec(
        rest,
      );
      const length = number?.[0].length || 1;
      tokens.push({ kind: 'other', text: rest.slice(0, length) });
      i += length;
    } else if (char === '$') {
      // A Grafana variable outside a string (e.g. a whole threshold): not PromQL's concern.
      const variable = /^\$(?:\{[^}]*\}|\w+)/.exec(rest);
      const length = variable?.[0].length || 1;
      tokens.push({ kind: 'other', text: rest.slice(0, length) });
      i += length;
    } else {
      const ident = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest);
      if (ident) {
        tokens.push({ kind: 'ident', text: ident[0] });
        i += ident[0].length;
      } else {
        tokens.push({ kind: 'punct', text: char });
        i++;
      }
    }
  }
  return tokens;
}

/**
 * The metric names an expression selects, in order of first appearance: bare selectors
 * (`foo`, `foo{a="b"}`) and `{__name__="foo"}` matchers. Functions, aggregations, keywords, label
 * names inside `{}` and `by (...)`-style lists, numbers, strings and ranges are not metrics.
 */
export function metricNamesOf(expr: string): string[] {
  const tokens = lex(expr);
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  let braces = 0;
  let labelList = 0; // paren depth of a `by (...)`-style list we are inside, 0 when outside
  let parens = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token === undefined) continue;
    if (token.kind === 'punct') {
      if (token.text === '{') braces++;
      else if (token.text === '}') braces--;
      else if (token.text === '(') parens++;
      else if (token.text === ')') {
        if (labelList === parens) labelList = 0;
        parens--;
      }
      continue;
    }
    if (token.kind !== 'ident') continue;
    if (braces > 0) {
      // Inside a matcher block: only `__name__="metric"` names a metric.
      const value = tokens[index + 2];
      if (token.text === '__name__' && next?.text === '=' && value?.kind === 'other') {
        add(value.text.slice(1, -1));
      }
      continue;
    }
    if (labelList > 0) continue;
    if (LABEL_LIST_KEYWORDS.has(token.text) && next?.text === '(') {
      labelList = parens + 1;
      continue;
    }
    if (KEYWORDS.has(token.text)) continue;
    if (next?.text === '(') continue; // a function or an aggregation
    if (next?.text === 'by' || next?.text === 'without') continue; // `sum by (x) (...)`
    if (/^(?:inf|nan)$/i.test(token.text)) continue;
    add(token.text);
  }
  return names;
}

/**
 * A Grafana query made plain PromQL for promtool: `$__rate_interval`-style range variables become a
 * duration, and template variables a regex that matches anything.
 */
export function withGrafanaVariablesResolved(expr: string): string {
  return expr
    .replace(
      /\$__(?:rate_interval|interval|range)\b|\$\{__(?:rate_interval|interval|range)\}/g,
      '5m',
    )
    .replace(/\$\{\w+(?::\w+)?\}|\$\w+/g, '.*');
}
