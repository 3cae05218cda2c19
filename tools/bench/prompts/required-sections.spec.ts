import type { StageId } from '@agentbus/contracts';
import type { InputArtifact } from '@agentbus/agents';
import { missingSections, sectionsOf } from './required-sections';

const markdown: InputArtifact = {
  format: 'markdown',
  version: 1,
  body: '# PRD\n## Goals\nx\n## Users\ny',
};
const json: InputArtifact = { format: 'json', version: 1, body: '{"features":[],"risks":[]}' };
const inputs = new Map<StageId, InputArtifact>([
  ['prd', markdown],
  ['plan', json],
]);

describe(missingSections.name, () => {
  it('takes headings of markdown and top-level keys of JSON as sections', () => {
    expect(sectionsOf(markdown)).toEqual(['Goals', 'Users']);
    expect(sectionsOf(json)).toEqual(['features', 'risks']);
  });

  it('finds nothing missing when every block names every section', () => {
    const prompt =
      '<artifact stage="prd" format="markdown">\n## Goals\n## Users\n</artifact>\n' +
      '<artifact stage="plan" format="json">\n{"features":"…","risks":"…"}\n</artifact>';
    expect(missingSections(prompt, ['prd', 'plan'], inputs)).toEqual([]);
  });

  it('names a dropped section and a dropped input', () => {
    const prompt = '<artifact stage="prd" format="markdown">\n## Goals\n</artifact>';
    expect(missingSections(prompt, ['prd', 'plan'], inputs)).toEqual([
      { stage: 'prd', section: 'Users' },
      { stage: 'plan', section: '(artifact)' },
    ]);
  });

  it('does not credit a section named outside its own input block', () => {
    const prompt = '## Users\n<artifact stage="prd" format="markdown">\n## Goals\n</artifact>';
    expect(missingSections(prompt, ['prd'], inputs)).toEqual([{ stage: 'prd', section: 'Users' }]);
  });
});
