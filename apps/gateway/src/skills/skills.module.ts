import { Module } from '@nestjs/common';
import { AgentSkillsController } from './agent-skills.controller';
import { SkillsController } from './skills.controller';
import { SkillsRegistryClient } from './skills-registry.client';

/** The skills API, answered by the skills-registry over request/reply. */
@Module({
  controllers: [SkillsController, AgentSkillsController],
  providers: [SkillsRegistryClient],
})
export class SkillsModule {}
