import { ApiProperty } from '@nestjs/swagger';

export const ACCEPTANCES = ['accepted', 'superseded', 'not-accepted'] as const;
export type Acceptance = (typeof ACCEPTANCES)[number];

export class ArtifactLinksView {
  @ApiProperty({ description: 'This version (JSON, or markdown with Accept: text/markdown)' })
  self!: string;
  @ApiProperty({
    description: "The stage's default: the version the orchestrator accepted (404 while none is)",
  })
  accepted!: string;
}

/** What an artifact is, without its body. */
export class ArtifactMetaView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() version!: number;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: ['json', 'markdown'] }) format!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() agent!: string;
  @ApiProperty() provider!: string;
  @ApiProperty() model!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    description: 'Whether this is the version the orchestrator accepted for the stage',
  })
  accepted!: boolean;
  @ApiProperty({
    enum: ACCEPTANCES,
    description:
      'accepted; superseded: older than the accepted version; not-accepted: newer than it (a ' +
      'stale attempt that finished late) or no version of the stage is accepted yet',
  })
  acceptance!: Acceptance;
  @ApiProperty({ type: () => ArtifactLinksView }) links!: ArtifactLinksView;
}

/** A version as listed, with whether it was built on inputs since superseded. */
export class ListedArtifactView extends ArtifactMetaView {
  @ApiProperty({
    type: [String],
    description:
      'Input stages whose accepted version was made after this version: it was built on a ' +
      'version of them since superseded (stale). Empty: current',
    example: ['prd'],
  })
  staleInputs!: string[];
}

/** In the list: the accepted version of a stage, and how many versions the stage has. */
export class AcceptedArtifactView extends ListedArtifactView {
  @ApiProperty() versions!: number;
}

export class ArtifactListView {
  @ApiProperty({
    type: () => [AcceptedArtifactView],
    description:
      "Each stage's accepted version, in pipeline order; a stage with no accepted version is absent",
  })
  items!: AcceptedArtifactView[];
  @ApiProperty({
    type: () => [ListedArtifactView],
    description: 'Every stored version, accepted or not, in pipeline order, newest first',
  })
  allVersions!: ListedArtifactView[];
}

/** One artifact as JSON: a JSON artifact's parsed body, or a markdown artifact's text. */
export class ArtifactView extends ArtifactMetaView {
  @ApiProperty({
    description: 'The body: parsed JSON (format json) or the markdown text (format markdown)',
  })
  body!: unknown;
}
