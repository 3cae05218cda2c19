/** Lower-case word tokens (letters, digits, inner `+#.-`), e.g. `c++`, `node.js`, `k8s`. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}](?:[\p{L}\p{N}+#]|[.\-_](?=[\p{L}\p{N}]))*/gu) ?? [];
}
