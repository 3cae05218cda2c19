import { createEnvelope, SkillInstalledV1 } from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SkillRejectedError } from '../bundle/skill-rejected.error';
import { type SkillBundle } from '../bundle/skill-bundle';
import { AllowlistStore } from '../permissions/allowlist.store';
import { compareVersions, parseVersion } from '../semver/semver';
import { REGISTRY_SETTINGS, type RegistrySettings } from '../registry-settings';
import { prepareSkill, type PreparedSkill } from './prepared-skill';
import { SkillNotFoundError } from './skill-catalog.errors';

/** What an install did. */
export interface InstallResult {
  readonly status: 'installed' | 'unchanged';
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly files: number;
  /** The skill had no version before this install. */
  readonly firstVersion: boolean;
}

const meta = { source: 'skills-registry' as const };

/** Serializes every change to one skill name (racing installs, upgrade and uninstall). */
const lockSkill = (tx: EntityManager, name: string) =>
  tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('skill:' || $1, 0))`, [name]);

/**
 * Installs and uninstalls skill versions. Each change is one transaction (files, version row,
 * events in the outbox): a refused or failed install leaves every table as it was.
 */
@Injectable()
export class SkillCatalogService {
  constructor(
    private readonly db: DataSource,
    @Inject(REGISTRY_SETTINGS) private readonly settings: RegistrySettings,
  ) {}

  /**
   * Installs the bundle's version next to the skill's others. Installing the same content again
   * is a no-op (`unchanged`); other content under an installed version, or a version below the
   * newest installed, is refused.
   * @throws SkillRejectedError
   */
  async install(bundle: SkillBundle, source: string, installedBy: string): Promise<InstallResult> {
    const skill = prepareSkill(bundle);
    const { name, version } = skill.manifest;
    return withOutbox(this.db, async (tx, outbox) => {
      await lockSkill(tx, name);
      const existing: { version: string; sha256: string }[] = await tx.query(
        'SELECT version, sha256 FROM skill_versions WHERE name = $1',
        [name],
      );
      const same = existing.find((row) => row.version === version);
      const result = {
        name,
        version,
        sha256: skill.sha256,
        files: skill.files.length,
        firstVersion: existing.length === 0,
      };
      if (same?.sha256 === skill.sha256) return { status: 'unchanged' as const, ...result };
      if (same) {
        throw new SkillRejectedError(
          'version-exists',
          `${name}@${version} is installed with other content (sha256 ${same.sha256}): ` +
            'publish it under a new version',
        );
      }
      const newest = newestOf(existing.map((row) => row.version));
      const parsed = parseVersion(version);
      if (newest && parsed && compareVersions(parsed, newest.parsed) < 0) {
        throw new SkillRejectedError(
          'version-downgrade',
          `${name}@${version} is older than the installed ${newest.text}: uninstall ` +
            `${name}@${newest.text} first to go back`,
        );
      }
      const isNew = existing.length === 0;
      if (isNew) await tx.query('INSERT INTO skills (name) VALUES ($1)', [name]);
      await insertVersion(tx, skill, source, installedBy);
      await outbox.add(
        createEnvelope(
          SkillInstalledV1,
          { name, version, sha256: skill.sha256, installedBy },
          { ...meta, correlationId: randomUUID() },
        ),
      );
      if (isNew && this.settings.newSkillAgents.length > 0) {
        await new AllowlistStore(tx).allowForAgents(
          name,
          this.settings.newSkillAgents,
          installedBy,
          outbox,
        );
      }
      return { status: 'installed' as const, ...result };
    });
  }

  /**
   * Removes one version, or every version when none is given (then the skill itself). Every agent
   * whose usable skills change hears `allowlist.changed`, so workers drop the removed prompt.
   * @throws SkillNotFoundError when nothing matched.
   */
  async uninstall(name: string, version: string | undefined, by: string): Promise<string[]> {
    return withOutbox(this.db, async (tx, outbox) => {
      await lockSkill(tx, name);
      const allowlists = new AllowlistStore(tx);
      const before = await allowlists.resolveAll();
      const [rows]: [{ version: string }[], number] = await tx.query(
        `DELETE FROM skill_versions WHERE name = $1 AND ($2::text IS NULL OR version = $2)
         RETURNING version`,
        [name, version ?? null],
      );
      if (rows.length === 0) {
        throw new SkillNotFoundError(version === undefined ? name : `${name}@${version}`);
      }
      await tx.query(
        `DELETE FROM skills WHERE name = $1
         AND NOT EXISTS (SELECT 1 FROM skill_versions WHERE name = $1)`,
        [name],
      );
      await allowlists.announceChanges(before, by, outbox);
      return rows.map((row) => row.version);
    });
  }
}

function newestOf(versions: readonly string[]) {
  let newest: { text: string; parsed: NonNullable<ReturnType<typeof parseVersion>> } | undefined;
  for (const text of versions) {
    const parsed = parseVersion(text);
    if (parsed && (!newest || compareVersions(parsed, newest.parsed) > 0)) {
      newest = { text, parsed };
    }
  }
  return newest;
}

async function insertVersion(
  tx: EntityManager,
  skill: PreparedSkill,
  source: string,
  installedBy: string,
): Promise<void> {
  const { name, version } = skill.manifest;
  await tx.query(
    `INSERT INTO skill_versions (name, version, manifest, prompt, sha256, size_bytes, file_count,
       source, installed_by)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9)`,
    [
      name,
      version,
      JSON.stringify(skill.manifest),
      skill.prompt,
      skill.sha256,
      skill.sizeBytes,
      skill.files.length,
      source,
      installedBy,
    ],
  );
  await tx.query(
    `INSERT INTO skill_files (name, version, path, sha256, size_bytes, content)
     SELECT $1, $2, path, sha256, length(content), content
     FROM unnest($3::text[], $4::text[], $5::bytea[]) AS f (path, sha256, content)`,
    [
      name,
      version,
      skill.files.map((file) => file.path),
      skill.files.map((file) => file.sha256),
      skill.files.map((file) => file.content),
    ],
  );
}
