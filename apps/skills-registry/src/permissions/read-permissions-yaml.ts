import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { type z } from 'zod';
import { PermissionsDocument } from './permissions-document';

/** Why a permissions document cannot be imported: one line per problem, each naming line and field. */
export class PermissionsYamlError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'PermissionsYamlError';
  }
}

type Path = readonly PropertyKey[];

/** The 1-based line of the deepest node of `path` the document has (the key itself if asked). */
function lineOf(doc: Document, lines: LineCounter, path: Path, key?: string): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (!isNode(node)) continue;
    const keyNode =
      key !== undefined && depth === path.length && isMap(node)
        ? node.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key
        : undefined;
    const range = (isNode(keyNode) ? keyNode : node).range;
    return range ? lines.linePos(range[0]).line : undefined;
  }
  return undefined;
}

const describe = (doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): string[] => {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
  return keys.map((key) => {
    const field = [...issue.path, ...(key === undefined ? [] : [key])].map(String).join('.');
    const line = lineOf(doc, lines, issue.path, key);
    const where = line === undefined ? '' : `line ${line}: `;
    const message = key === undefined ? issue.message : 'is not a field of this document';
    return `${where}${field || '(document)'}: ${message}`;
  });
};

/**
 * Parses and validates a permissions document, naming the line and field of every problem
 * (YAML syntax errors come with their line and column).
 * @throws PermissionsYamlError
 */
export function readPermissionsYaml(text: string): PermissionsDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PermissionsYamlError(doc.errors.map((error) => `not YAML: ${error.message}`));
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new PermissionsYamlError([`not YAML: ${(error as Error).message}`]);
  }
  const parsed = PermissionsDocument.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new PermissionsYamlError(parsed.error.issues.flatMap((i) => describe(doc, lines, i)));
  }
  return parsed.data;
}
