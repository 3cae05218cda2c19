/** The skill (or version) asked for is not installed. */
export class SkillNotFoundError extends Error {
  constructor(readonly skill: string) {
    super(`skill ${skill} is not installed`);
    this.name = 'SkillNotFoundError';
  }
}
