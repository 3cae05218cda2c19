import { type Node, TemplateSyntaxError, parseTemplate, splitActions } from './go-template';

const kinds = (nodes: readonly Node[]): string[] => nodes.map((n) => n.kind);

describe(parseTemplate.name, () => {
  it('drops comments and trim markers, keeps braces inside strings and comments', () => {
    const pieces = splitActions('a: {{- /* }} */ -}}\nb: {{ "}}" | quote }}\n{{- .Values.x -}}');
    expect(pieces.filter((p) => 'body' in p).map((p) => ('body' in p ? p.body : ''))).toEqual([
      '"}}" | quote',
      '.Values.x',
    ]);
  });

  it('numbers the line each action starts on', () => {
    const [, action] = parseTemplate('a: 1\n\nb: {{ .Values.b }}\n');
    expect(action).toMatchObject({ kind: 'action', line: 3 });
  });

  it('nests else-if chains under the one end that closes them', () => {
    const nodes = parseTemplate(
      '{{ if .a }}A{{ else if .b }}B{{ else with .c }}C{{ else }}D{{ end }}E',
    );
    expect(kinds(nodes)).toEqual(['if', 'text']);
    const [outer] = nodes;
    if (outer?.kind !== 'if') throw new Error('expected if');
    const [elseIf] = outer.elseBody;
    expect(elseIf).toMatchObject({ kind: 'if' });
    if (elseIf?.kind !== 'if') throw new Error('expected else if');
    expect(kinds(elseIf.elseBody)).toEqual(['with']);
  });

  it('reads declarations, parenthesised calls and field chains on their results', () => {
    const [node] = parseTemplate('{{ $x, $y := (index .Values "a-b").c | default dict }}');
    expect(node).toMatchObject({
      kind: 'action',
      pipeline: {
        decl: ['$x', '$y'],
        assign: false,
        commands: [
          [{ kind: 'field', base: { kind: 'pipeline' }, fields: ['c'] }],
          [
            { kind: 'ident', name: 'default' },
            { kind: 'ident', name: 'dict' },
          ],
        ],
      },
    });
  });

  it('turns a block into a define and a call of it', () => {
    expect(kinds(parseTemplate('{{ block "x" . }}body{{ end }}'))).toEqual(['define', 'template']);
  });

  it.each([
    ['an unclosed action', 'a {{ .Values.x '],
    ['an unclosed block', '{{ if .x }}a'],
    ['a stray end', 'a{{ end }}'],
    ['an else outside a block', '{{ else }}'],
    ['an unbalanced parenthesis', '{{ (include "x" . }}'],
  ])('rejects %s', (_what, source) => {
    expect(() => parseTemplate(source)).toThrow(TemplateSyntaxError);
  });
});
