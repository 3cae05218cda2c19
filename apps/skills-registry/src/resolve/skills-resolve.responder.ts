import { SkillsResolveV1 } from '@agentbus/contracts';
import { type QueryRequestOf, type QueryResponseInputOf } from '@agentbus/messaging';
import { OnQuery } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AllowlistStore } from '../permissions/allowlist.store';

/**
 * Answers `agentbus.rpc.v1.skills.resolve`: the skills an agent may use (its allowlist, deny rules
 * and the manifests' compatible agents all applied here, where they are stored), with prompts.
 */
@Injectable()
export class SkillsResolveResponder {
  constructor(private readonly db: DataSource) {}

  @OnQuery(SkillsResolveV1)
  async resolve(
    request: QueryRequestOf<typeof SkillsResolveV1>,
  ): Promise<QueryResponseInputOf<typeof SkillsResolveV1>> {
    const skills = await new AllowlistStore(this.db.manager).resolve(request.data.agent);
    return {
      skills: skills.map(({ name, version, prompt, capabilities }) => ({
        name,
        version,
        prompt,
        capabilities: [...capabilities],
      })),
    };
  }
}
