import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBase64, IsString, Matches, MaxLength } from 'class-validator';
import { Optional, Required } from '../http/validation/optional.decorator';

/** `POST /v1/skills`: a skill archive. */
export class UploadSkillDto {
  @ApiProperty({
    description:
      'The skill as a .tgz, .tar or .zip archive, base64-encoded (at most SKILLS_MAX_ARCHIVE_BYTES, 512 000 bytes by default, before encoding)',
    format: 'byte',
  })
  @Required()
  @IsString()
  @MaxLength(1_000_000)
  @IsBase64()
  archive!: string;
}

/** `PUT /v1/agents/:agent/skills`: the agent's rules, replacing the old ones. */
export class AgentSkillsDto {
  @ApiProperty({
    type: [String],
    description:
      "Rules allowing skills: name, name@range (e.g. security-owasp@^1), '*' or prefix-*",
    example: ['system-architecture', 'api-documentation@^1'],
  })
  @Required()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  allow!: string[];

  @ApiProperty({ type: [String], description: 'Rules denying skills (deny wins over allow)' })
  @Required()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  deny!: string[];
}

/** `PUT /v1/agents/skills.yaml`: the permissions document GET /v1/agents/skills.yaml exports. */
export class PermissionsYamlDto {
  @ApiProperty({
    description: 'The YAML document: agents: {<agent>: {allow, deny}}, capabilities: [...]',
    example:
      'agents:\n  architect:\n    allow: [system-architecture]\n    deny: []\ncapabilities: []\n',
  })
  @Required()
  @IsString()
  @MaxLength(256_000)
  yaml!: string;
}

/** `POST /v1/skills/git`: a repository on a host the registry allows (SKILLS_GIT_HOSTS). */
export class InstallGitSkillDto {
  @ApiProperty({
    description: 'An https:// git URL on an allowed host, without credentials',
    example: 'https://github.com/acme/agent-skills.git',
  })
  @Required()
  @IsString()
  @MaxLength(2_000)
  url!: string;

  @ApiProperty({
    required: false,
    description: "A branch or tag (the remote's default branch when absent)",
    example: 'v1.2.0',
  })
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/)
  ref?: string;
}
