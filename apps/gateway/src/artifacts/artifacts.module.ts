import { Module } from '@nestjs/common';
import { ArtifactRepository } from './artifact.repository';
import { ArtifactQueriesService } from './artifact-queries.service';
import { ArtifactsController } from './artifacts.controller';

/** Artifacts by stage and version, as JSON or markdown. */
@Module({
  controllers: [ArtifactsController],
  providers: [ArtifactQueriesService, ArtifactRepository],
})
export class ArtifactsModule {}
