import type { StageFigures } from './measure-pipeline';

const ratio = (built: number, pasteAll: number): string =>
  pasteAll === 0 ? '-' : (built / pasteAll).toFixed(2);

const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

const requiredCell = (figures: StageFigures): string =>
  figures.missing.length === 0
    ? `yes (${figures.requiredInputs.length} inputs)`
    : `NO: ${figures.missing.map((gap) => `${gap.stage}/${gap.section}`).join(', ')}`;

/** A markdown table of one project's stages and its total. */
export const projectTable = (project: string, stages: readonly StageFigures[]): string => {
  const built = stages.reduce((sum, stage) => sum + stage.built, 0);
  const pasteAll = stages.reduce((sum, stage) => sum + stage.pasteAll, 0);
  const missing = stages.filter((stage) => stage.missing.length > 0).length;
  return [
    `### ${project}`,
    row(['stage', 'built', 'paste-all', 'ratio', 'required sections present']),
    row(['---', '---:', '---:', '---:', '---']),
    ...stages.map((stage) =>
      row([
        stage.stage,
        stage.built,
        stage.pasteAll,
        ratio(stage.built, stage.pasteAll),
        requiredCell(stage),
      ]),
    ),
    row([
      '**total**',
      built,
      pasteAll,
      ratio(built, pasteAll),
      missing === 0 ? 'yes, every stage' : `NO in ${missing} stage(s)`,
    ]),
  ].join('\n');
};
