/** The commands a reviewer runs at an open gate, ready to paste. */
export function gateHint(
  projectId: string,
  gate: { readonly gate: string; readonly stage?: string | null | undefined },
  command: (args: string) => string,
): string[] {
  const target = `${projectId} ${gate.gate}`;
  const review =
    gate.stage === undefined || gate.stage === null
      ? []
      : [`  review:           ${command(`artifacts ${projectId} --stage ${gate.stage}`)}`];
  // DESIGN §4: a budget gate is approved (with a raised budget) or rejected, never revised.
  const changes =
    gate.gate === 'budget_exceeded'
      ? []
      : [
          `  request changes:  ${command(`request-changes ${target} --comment "<what to change>"`)}`,
        ];
  return [
    ...review,
    `  approve:          ${command(`approve ${target}`)}`,
    `  reject:           ${command(`reject ${target} --comment "<why>"`)}`,
    ...changes,
  ];
}
