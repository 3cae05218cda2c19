// Whether a template file can produce a Kubernetes object, and whether a helper file holds only
// defines. Read from the parsed templates: an object is a `kind:` line in the text Helm would
// emit, directly or through the defines the file includes.
import { type Node } from './go-template';
import { type Define } from './template-analysis';

const KIND_LINE = /^\s*kind:\s*\S/m;

/** True when the nodes (outside define bodies) emit a `kind:` line, following includes. */
export function emitsObject(
  nodes: readonly Node[],
  defines: ReadonlyMap<string, Define>,
  seen = new Set<string>(),
): boolean {
  return nodes.some((node) => {
    switch (node.kind) {
      case 'text':
        return KIND_LINE.test(node.text);
      case 'define':
        return false;
      case 'if':
      case 'with':
      case 'range':
        return emitsObject(node.body, defines, seen) || emitsObject(node.elseBody, defines, seen);
      case 'template':
        return includes(node.name, defines, seen);
      case 'action':
        return node.pipeline.commands.some((command) => {
          const [fn, name] = command;
          return (
            fn?.kind === 'ident' &&
            fn.name === 'include' &&
            name?.kind === 'string' &&
            includes(name.value, defines, seen)
          );
        });
    }
  });
}

function includes(name: string, defines: ReadonlyMap<string, Define>, seen: Set<string>): boolean {
  if (seen.has(name)) return false;
  seen.add(name);
  const define = defines.get(name);
  return define !== undefined && emitsObject(define.body, defines, seen);
}

/** True when a helper file has nothing but defines (and whitespace) at its top level. */
export function onlyDefines(nodes: readonly Node[]): boolean {
  return nodes.every((n) => n.kind === 'define' || (n.kind === 'text' && n.text.trim() === ''));
}
