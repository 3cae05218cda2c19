import { AGENT_IDS, type AgentId } from '@agentbus/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { RequestValidationError } from '../http/problem/problem.errors';

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

/** `:name` of a skill route; parses itself, like every path parameter of the API. */
export class SkillNameParams {
  @ApiProperty({ pattern: NAME.source })
  name!: string;

  static parse(raw: unknown): SkillNameParams {
    const { name } = raw as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new RequestValidationError([
        { path: 'name', message: "must be a skill name: lower-case letters, digits, '-' or '_'" },
      ]);
    }
    return { name };
  }
}

/** `:ref` of `DELETE /v1/skills/:ref`: `name` (every version) or `name@version`. */
export class SkillRefParams {
  @ApiProperty({ description: 'name, or name@version', example: 'security-owasp@1.0.0' })
  ref!: string;

  static parse(raw: unknown): SkillRefParams {
    const { ref } = raw as Record<string, unknown>;
    if (typeof ref !== 'string' || SkillRefParams.split(ref) === undefined) {
      throw new RequestValidationError([
        { path: 'ref', message: 'must be a skill name or name@version' },
      ]);
    }
    return { ref };
  }

  /** `name[@version]` split, or undefined when it is neither. */
  static split(ref: string): { name: string; version?: string } | undefined {
    const [name = '', version, ...rest] = ref.split('@');
    if (!NAME.test(name) || rest.length > 0) return undefined;
    if (version === undefined) return { name };
    return VERSION.test(version) ? { name, version } : undefined;
  }
}

/** `:agent` of the agent skills routes. */
export class AgentParams {
  @ApiProperty({ enum: AGENT_IDS })
  agent!: AgentId;

  static parse(raw: unknown): AgentParams {
    const { agent } = raw as Record<string, unknown>;
    if (!(AGENT_IDS as readonly unknown[]).includes(agent)) {
      throw new RequestValidationError([
        { path: 'agent', message: `must be one of ${AGENT_IDS.join(', ')}` },
      ]);
    }
    return { agent: agent as AgentId };
  }
}
