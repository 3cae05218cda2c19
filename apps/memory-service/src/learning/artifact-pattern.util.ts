import { type NewPattern } from '../patterns/pattern';
import { patternTypeOfStage } from './pattern-type-of-stage.util';
import { type SourceArtifact } from './project-sources.reader';

// Longer bodies are cut: the head of a spec says what it is about, and a pattern is a reference.
const MAX_PATTERN_CHARS = 100_000;

/** The pattern an accepted artifact becomes, or undefined for a stage memory does not keep. */
export function artifactPattern(artifact: SourceArtifact): NewPattern | undefined {
  const type = patternTypeOfStage(artifact.stage);
  if (!type) return undefined;
  return {
    id: `artifact-${artifact.id}`,
    type,
    source: 'project',
    text: artifact.body.slice(0, MAX_PATTERN_CHARS),
    projectId: artifact.project_id,
    metadata: {
      projectId: artifact.project_id,
      stage: artifact.stage,
      artifactId: artifact.id,
      artifactVersion: artifact.version,
      format: artifact.format,
    },
  };
}
