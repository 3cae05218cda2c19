import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './workspace';

interface TsConfigBase {
  compilerOptions: ts.CompilerOptions & { paths: Record<string, string[]> };
}

const base = JSON.parse(
  readFileSync(join(REPO_ROOT, 'tsconfig.base.json'), 'utf8'),
) as TsConfigBase;

// Decorators and spreads compile to tslib calls when importHelpers is on: every bundle needs it.
const HELPERS = base.compilerOptions.importHelpers === true ? ['tslib'] : [];

const BUILTINS = new Set(builtinModules);

const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Resolves a relative or `@agentbus/*` import to a source file, as webpack's tsconfig paths do. */
function resolveLocal(from: string, specifier: string): string | undefined {
  let target: string | undefined;
  if (specifier.startsWith('.')) {
    target = join(dirname(from), specifier);
  } else {
    const mapped = base.compilerOptions.paths[specifier]?.[0];
    if (mapped === undefined) return undefined;
    target = join(REPO_ROOT, mapped);
  }
  const candidates = [`${target}.ts`, join(target, 'index.ts'), target];
  return candidates.find((path) => /\.(ts|js|json)$/.test(path) && existsSync(path));
}

/** What a bundle is made of and what it needs beside it. */
export interface BundleInputs {
  /** npm packages required at run time, each with the first source file that requires it. */
  readonly packages: ReadonlyMap<string, string>;
  /** Source files the bundle is built from, relative to the repository root. */
  readonly files: ReadonlySet<string>;
}

const importsByFile = new Map<string, string[]>();

/**
 * Module specifiers a file loads at run time. Type-only imports and exports are left out, as the
 * compiler drops them; lint's consistent-type-imports rule makes every type-only import say so.
 */
function runtimeImportsOf(file: string): string[] {
  const cached = importsByFile.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier = runtimeSpecifierOf(node);
    if (specifier !== undefined) specifiers.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(source);
  importsByFile.set(file, specifiers);
  return specifiers;
}

function runtimeSpecifierOf(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
    const clause = node.importClause;
    if (clause === undefined) return node.moduleSpecifier.text; // import './instrument'
    if (clause.isTypeOnly) return undefined;
    const named = clause.namedBindings;
    const onlyTypes =
      clause.name === undefined &&
      named !== undefined &&
      ts.isNamedImports(named) &&
      named.elements.length > 0 &&
      named.elements.every((element) => element.isTypeOnly);
    return onlyTypes ? undefined : node.moduleSpecifier.text;
  }
  if (
    ts.isExportDeclaration(node) &&
    node.moduleSpecifier &&
    ts.isStringLiteral(node.moduleSpecifier)
  ) {
    const clause = node.exportClause;
    const onlyTypes =
      node.isTypeOnly ||
      (clause !== undefined &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((element) => element.isTypeOnly));
    return onlyTypes ? undefined : node.moduleSpecifier.text;
  }
  if (ts.isCallExpression(node) && node.arguments.length === 1) {
    const [argument] = node.arguments;
    const loads =
      node.expression.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(node.expression) && node.expression.text === 'require');
    if (loads && argument !== undefined && ts.isStringLiteral(argument)) return argument.text;
  }
  return undefined;
}

/** What a bundle is made of and what it needs beside it. */
export interface BundleInputs {
  /** npm packages required at run time, each with the first source file that requires it. */
  readonly packages: ReadonlyMap<string, string>;
  /** Source files the bundle is built from, relative to the repository root. */
  readonly files: ReadonlySet<string>;
}

/**
 * The files a bundle built from `entry` is made of (every module reachable through relative and
 * `@agentbus/*` imports) and the npm packages they require at run time. Node built-ins are
 * left out. The bundle keeps node_modules external (ADR 0003), so each of these must be installed
 * in the runtime image.
 */
export function bundleInputsOf(entry: string): BundleInputs {
  const found = new Map(HELPERS.map((name) => [name, relative(REPO_ROOT, entry)]));
  const seen = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    for (const specifier of runtimeImportsOf(file)) {
      if (specifier.startsWith('.') || specifier.startsWith('@agentbus/')) {
        const resolved = resolveLocal(file, specifier);
        if (resolved === undefined) {
          throw new Error(`${relative(REPO_ROOT, file)}: cannot resolve ${specifier}`);
        }
        queue.push(resolved);
      } else if (!specifier.startsWith('node:') && !BUILTINS.has(specifier)) {
        const name = packageName(specifier);
        if (!found.has(name)) found.set(name, relative(REPO_ROOT, file));
      }
    }
  }
  return { packages: found, files: new Set([...seen].map((file) => relative(REPO_ROOT, file))) };
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

/**
 * Packages `npm ci --omit=dev` installs at the top of node_modules, where a bundle in
 * `/app/dist/apps/<app>` finds them: lockfile entries `node_modules/<name>` not marked dev.
 */
export function productionInstall(): Set<string> {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const installed = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(path);
    if (match && !entry.dev && !entry.devOptional && !entry.optional) {
      installed.add(match[1] as string);
    }
  }
  return installed;
}
