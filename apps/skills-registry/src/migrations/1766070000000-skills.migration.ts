import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The skill catalog (DESIGN §7, §10). Skill files live here, as bytea beside their metadata: every
 * replica reads them without a shared volume, and install, upgrade and uninstall are one
 * transaction over files and metadata together (a volume could not roll back with Postgres).
 * Skills are small (SKILLS_MAX_TOTAL_BYTES, 2 MiB by default), so the rows stay modest.
 */
export class Skills1766070000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE skills (
        name text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE skill_versions (
        name text NOT NULL REFERENCES skills (name) ON DELETE CASCADE,
        version text NOT NULL,
        manifest jsonb NOT NULL,
        prompt text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        file_count integer NOT NULL,
        source text NOT NULL,
        installed_by text NOT NULL,
        installed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version)
      )`);
    await runner.query(`
      CREATE TABLE skill_files (
        name text NOT NULL,
        version text NOT NULL,
        path text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (name, version, path),
        FOREIGN KEY (name, version) REFERENCES skill_versions (name, version) ON DELETE CASCADE
      )`);
    // Rules name skills that may not be installed yet (or any more), so no foreign key.
    await runner.query(`
      CREATE TABLE agent_skill_allowlist (
        agent text NOT NULL,
        effect text NOT NULL CHECK (effect IN ('allow', 'deny')),
        rule text NOT NULL,
        PRIMARY KEY (agent, effect, rule)
      )`);
    await runner.query(`
      CREATE TABLE capability_skills (
        capability text NOT NULL,
        skill text NOT NULL,
        priority integer NOT NULL,
        PRIMARY KEY (capability, skill)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'capability_skills',
      'agent_skill_allowlist',
      'skill_files',
      'skill_versions',
      'skills',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
