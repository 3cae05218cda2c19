import { Module } from '@nestjs/common';
import { AgentSkillsController } from './agent-skills.controller';
import { SkillsController } from './skills.controller';
import { SkillsPermissionsController } from './skills-permissions.controller';
import { SkillsRegistryClient } from './skills-registry.client';

/** The skills API, answered by the skills-registry over request/reply. */
@Module({
  // The permissions controller first: its literal skills.yaml path must not read as an agent.
  controllers: [SkillsPermissionsController, SkillsController, AgentSkillsController],
  providers: [SkillsRegistryClient],
})
export class SkillsModule {}
