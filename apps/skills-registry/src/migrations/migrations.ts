import { Skills1766070000000 } from './1766070000000-skills.migration';

/** Every migration of the skills-registry's schema, oldest first. */
export const SKILLS_MIGRATIONS = [Skills1766070000000];
