// Go's text/template builtins and the sprig functions these charts call, with Go's value rules:
// values from YAML are float64 (JSON numbers, as Helm reads them) while literals and sprig's
// int/until/mul give ints, kept apart here as bigint so that what Go refuses (eq of an int and a
// float) is refused here too. A function not in this table fails the render.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { isMap } from './helm-values';

/** A render failed: a `fail`, a missing define, a nil field, a type Go would refuse. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

export type Value = unknown;
type Fn = (args: Value[]) => Value;

/** Go's truth: false, 0, nil and empty strings, lists and maps are false. */
export const truthy = (v: Value): boolean => {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
};

/** Go's %v of a float64: shortest digits, exponent form below 1e-4 and from 1e+06 up. */
export function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return '0';
  const [mantissa = '0', e = '0'] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** What `{{ x }}` prints (fmt.Print); nil prints "<no value>", which Helm turns into "". */
export function goPrint(v: Value): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  if (isMap(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrint(v[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}

const plain = (v: Value): unknown => {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (isMap(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, plain(v[k])]),
    );
  }
  return v;
};

const toInt = (v: Value): bigint => {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
};

export const kindOf = (v: Value): string =>
  typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float' : typeof v;

// Go's eq/lt/...: both operands of one basic kind (an int and a float64 are not comparable).
function compare(a: Value, b: Value, op: string): number {
  if (kindOf(a) !== kindOf(b)) {
    throw new RenderError(
      `${op}: incompatible types for comparison (${kindOf(a)} and ${kindOf(b)})`,
    );
  }
  if (typeof a === 'boolean' && (op === 'eq' || op === 'ne')) return a === b ? 0 : 1;
  if (typeof a === 'bigint' || typeof a === 'number' || typeof a === 'string') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  throw new RenderError(`${op}: cannot compare ${kindOf(a)}`);
}

const strval = (v: Value): string => (v === null || v === undefined ? '' : goPrint(v));

function sprintf(format: string, args: Value[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*\d*)?([svdqf%])/g, (_m, _flags, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    switch (verb) {
      case 's':
        return typeof arg === 'string' ? arg : `%!s(${kindOf(arg)}=${goPrint(arg)})`;
      case 'd':
        return typeof arg === 'bigint' ? arg.toString() : `%!d(${kindOf(arg)}=${goPrint(arg)})`;
      case 'q':
        return JSON.stringify(strval(arg));
      default:
        return goPrint(arg);
    }
  });
}

/** Go's builtins and the sprig functions the charts use (include and tpl live in the renderer). */
export const FUNCTIONS: Record<string, Fn> = {
  fail(args) {
    throw new RenderError(`fail: ${String(args[0])}`);
  },
  required(args) {
    if (args[1] === null || args[1] === undefined || args[1] === '') {
      throw new RenderError(`required: ${String(args[0])}`);
    }
    return args[1];
  },
  lookup: () => ({}),
  // dig "a" "b" default map: the value at a.b, or the default.
  dig: (args) => {
    const map = args[args.length - 1];
    const fallback = args[args.length - 2];
    let v: Value = map;
    for (const key of args.slice(0, -2)) {
      if (!isMap(v) || !(strval(key) in v)) return fallback;
      v = v[strval(key)];
    }
    return v;
  },
  randAlphaNum: (args) => 'x'.repeat(Number(toInt(args[0]))),
  toYaml: (args) =>
    args[0] === null || args[0] === undefined
      ? 'null'
      : stringify(plain(args[0]), { indentSeq: false, lineWidth: 0 }).replace(/\n$/, ''),
  toJson: (args) => JSON.stringify(plain(args[0]) ?? null),
  toString: (args: Value[]) => strval(args[0]),
  quote: (args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map((a) => JSON.stringify(strval(a)))
      .join(' '),
  nindent: (args) => `\n${indent(Number(toInt(args[0])), strval(args[1]))}`,
  indent: (args) => indent(Number(toInt(args[0])), strval(args[1])),
  default: (args) =>
    args.length > 1 && truthy(args[args.length - 1]) ? args[args.length - 1] : args[0],
  printf: (args) => sprintf(String(args[0]), args.slice(1)),
  print: (args) => args.map(strval).join(''),
  trunc: (args) => strval(args[1]).slice(0, Number(toInt(args[0]))),
  trimSuffix: (args) => {
    const s = strval(args[1]);
    const suffix = strval(args[0]);
    return suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
  },
  replace: (args) => strval(args[2]).split(strval(args[0])).join(strval(args[1])),
  contains: (args) => strval(args[1]).includes(strval(args[0])),
  splitList: (args) => strval(args[1]).split(strval(args[0])),
  has: (args) => Array.isArray(args[1]) && args[1].some((x) => x === args[0]),
  hasKey: (args) => isMap(args[0]) && String(args[1]) in args[0],
  merge: (args) => {
    const [dst, ...srcs] = args;
    if (!isMap(dst)) throw new RenderError('merge: not a map');
    for (const src of srcs) if (isMap(src)) mergeInto(dst, src);
    return dst;
  },
  deepCopy: (args) => structuredClone(args[0]),
  concat: (args) => args.flatMap((a) => (Array.isArray(a) ? a : [])),
  dict: (args) => {
    const out: Record<string, Value> = {};
    for (let i = 0; i + 1 < args.length; i += 2) out[strval(args[i])] = args[i + 1];
    return out;
  },
  list: (args) => [...args],
  until: (args) => Array.from({ length: Number(toInt(args[0])) }, (_v, i) => BigInt(i)),
  index: (args) => {
    let v = args[0];
    for (const key of args.slice(1)) {
      if (v === null || v === undefined) throw new RenderError('index of untyped nil');
      if (Array.isArray(v)) v = v[Number(toInt(key))];
      else if (isMap(v)) v = v[strval(key)];
      else throw new RenderError(`can't index item of type ${kindOf(v)}`);
    }
    return v;
  },
  int: (args) => toInt(args[0]),
  int64: (args) => toInt(args[0]),
  mul: (args) => args.map(toInt).reduce((a, b) => a * b, 1n),
  add: (args) => args.map(toInt).reduce((a, b) => a + b, 0n),
  len: (args) =>
    BigInt(
      Array.isArray(args[0]) || typeof args[0] === 'string'
        ? args[0].length
        : isMap(args[0])
          ? Object.keys(args[0]).length
          : 0,
    ),
  not: (args) => !truthy(args[0]),
  eq: (args) => args.slice(1).some((b) => compare(args[0], b, 'eq') === 0),
  ne: (args) => compare(args[0], args[1], 'ne') !== 0,
  lt: (args) => compare(args[0], args[1], 'lt') < 0,
  le: (args) => compare(args[0], args[1], 'le') <= 0,
  gt: (args) => compare(args[0], args[1], 'gt') > 0,
  ge: (args) => compare(args[0], args[1], 'ge') >= 0,
  b64enc: (args) => Buffer.from(strval(args[0])).toString('base64'),
  b64dec: (args) => Buffer.from(strval(args[0]), 'base64').toString('utf8'),
  urlquery: (args) => encodeURIComponent(args.map(strval).join('')).replace(/%20/g, '+'),
  sha256sum: (args) => createHash('sha256').update(strval(args[0])).digest('hex'),
};

function indent(n: number, text: string): string {
  const pad = ' '.repeat(n);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

// mergo as sprig's merge uses it: the destination keeps its values, sources fill the gaps.
function mergeInto(dst: Record<string, Value>, src: Record<string, Value>): void {
  for (const [key, value] of Object.entries(src)) {
    const current = dst[key];
    if (current === undefined || current === null) dst[key] = value;
    else if (isMap(current) && isMap(value)) mergeInto(current, value);
  }
}
