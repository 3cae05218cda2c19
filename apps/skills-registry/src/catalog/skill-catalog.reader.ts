import { type AgentId, type SkillsGetV1, type SkillsListV1 } from '@agentbus/contracts';
import { type QueryResponseInputOf } from '@agentbus/messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SkillManifest } from '../manifest/skill-manifest';
import { AllowlistStore } from '../permissions/allowlist.store';
import { compareVersions, parseVersion } from '../semver/semver';
import { SkillNotFoundError } from './skill-catalog.errors';

type Summary = QueryResponseInputOf<typeof SkillsListV1>['skills'][number];
type Detail = QueryResponseInputOf<typeof SkillsGetV1>;

interface VersionRow {
  name: string;
  version: string;
  manifest: SkillManifest;
  sha256: string;
  size_bytes: number;
  file_count: number;
  source: string;
  installed_by: string;
  installed_at: Date;
}

const newestFirst = (a: { version: string }, b: { version: string }): number => {
  const [va, vb] = [parseVersion(a.version), parseVersion(b.version)];
  return va && vb ? compareVersions(vb, va) : 0;
};

const summaryOf = (name: string, rows: readonly VersionRow[]): Summary => {
  const versions = [...rows].sort(newestFirst).map((row) => ({
    version: row.version,
    sha256: row.sha256,
    description: row.manifest.description,
    author: row.manifest.author,
    license: row.manifest.license,
    capabilities: [...row.manifest.capabilities],
    compatibleAgents: [...row.manifest.compatibleAgents],
    tags: [...(row.manifest.tags ?? [])],
    files: row.file_count,
    sizeBytes: row.size_bytes,
    source: row.source,
    installedBy: row.installed_by,
    installedAt: row.installed_at.toISOString(),
  }));
  return { name, latest: versions[0]?.version ?? '', versions };
};

/** The catalog as the API shows it: skills with versions, one skill with its files and agents. */
@Injectable()
export class SkillCatalogReader {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<Summary[]> {
    const rows: VersionRow[] = await this.db.query(
      `SELECT name, version, manifest, sha256, size_bytes, file_count, source, installed_by,
         installed_at FROM skill_versions ORDER BY name`,
    );
    const byName = new Map<string, VersionRow[]>();
    for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
    return [...byName].map(([name, versions]) => summaryOf(name, versions));
  }

  /** @throws SkillNotFoundError */
  async get(name: string): Promise<Detail> {
    const [rows, files]: [
      VersionRow[],
      { version: string; path: string; sha256: string; size_bytes: number }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT name, version, manifest, sha256, size_bytes, file_count, source, installed_by,
             installed_at FROM skill_versions WHERE name = $1`,
        [name],
      ),
      this.db.query(
        'SELECT version, path, sha256, size_bytes FROM skill_files WHERE name = $1 ORDER BY version, path',
        [name],
      ),
    ]);
    if (rows.length === 0) throw new SkillNotFoundError(name);
    const store = new AllowlistStore(this.db.manager);
    const agents: AgentId[] = [];
    for (const [agent] of await store.allowlists()) {
      if ((await store.resolve(agent)).some((skill) => skill.name === name)) agents.push(agent);
    }
    return {
      ...summaryOf(name, rows),
      files: files.map((f) => ({
        version: f.version,
        path: f.path,
        sha256: f.sha256,
        sizeBytes: f.size_bytes,
      })),
      agents,
    };
  }
}
