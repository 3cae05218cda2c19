import { ApiProperty } from '@nestjs/swagger';

export class ArtifactLinksView {
  @ApiProperty({ description: 'This version (JSON, or markdown with Accept: text/markdown)' })
  self!: string;
  @ApiProperty({ description: 'The latest version of the stage' }) latest!: string;
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
  @ApiProperty({ type: () => ArtifactLinksView }) links!: ArtifactLinksView;
}

/** In the list: the latest version per stage, and how many versions there are. */
export class LatestArtifactView extends ArtifactMetaView {
  @ApiProperty() versions!: number;
}

export class ArtifactListView {
  @ApiProperty({ type: () => [LatestArtifactView] }) items!: LatestArtifactView[];
}

/** One artifact as JSON: a JSON artifact's parsed body, or a markdown artifact's text. */
export class ArtifactView extends ArtifactMetaView {
  @ApiProperty({
    description: 'The body: parsed JSON (format json) or the markdown text (format markdown)',
  })
  body!: unknown;
}
