import { createHash } from 'node:crypto';
import { type SkillBundle } from '../bundle/skill-bundle';
import { SkillRejectedError } from '../bundle/skill-rejected.error';
import { parseManifest, type SkillManifest } from '../manifest/skill-manifest';

/** The longest prompt the resolve reply carries (its contract's limit). */
const MAX_PROMPT_CHARS = 100_000;

/** One file of a skill with its hash. */
export interface SkillFile {
  readonly path: string;
  readonly sha256: string;
  readonly content: Buffer;
}

/** A bundle checked and hashed, ready to be written. */
export interface PreparedSkill {
  readonly manifest: SkillManifest;
  readonly prompt: string;
  readonly files: readonly SkillFile[];
  /** sha256 over `sha256sum`-style lines (`<hash>  <path>\n`, sorted by path). */
  readonly sha256: string;
  readonly sizeBytes: number;
}

const sha256Of = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Validates the manifest and its entry prompt (present, UTF-8 text, within the prompt limit) and
 * hashes every file. The skill's hash covers names and contents, so a renamed file changes it too.
 * @throws SkillRejectedError (`invalid-manifest`)
 */
export function prepareSkill(bundle: SkillBundle): PreparedSkill {
  const manifestBytes = bundle.files.get('skill.json');
  if (!manifestBytes) {
    throw new SkillRejectedError('invalid-manifest', 'skill.json is missing');
  }
  const manifest = parseManifest(manifestBytes);
  const entry = bundle.files.get(manifest.entry);
  if (!entry) {
    throw new SkillRejectedError(
      'invalid-manifest',
      `entry: ${manifest.entry} is not in the skill folder`,
    );
  }
  let prompt: string;
  try {
    prompt = new TextDecoder('utf-8', { fatal: true }).decode(entry);
  } catch {
    throw new SkillRejectedError('invalid-manifest', `entry: ${manifest.entry} is not UTF-8 text`);
  }
  if (prompt.trim().length === 0 || prompt.length > MAX_PROMPT_CHARS) {
    throw new SkillRejectedError(
      'invalid-manifest',
      `entry: ${manifest.entry} must hold 1 to ${MAX_PROMPT_CHARS} characters of prompt`,
    );
  }
  const files = [...bundle.files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, content]) => ({ path, sha256: sha256Of(content), content }));
  return {
    manifest,
    prompt,
    files,
    sha256: sha256Of(files.map((file) => `${file.sha256}  ${file.path}\n`).join('')),
    sizeBytes: files.reduce((sum, file) => sum + file.content.length, 0),
  };
}
