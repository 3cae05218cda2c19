import { checkEntryPath } from './check-entry-path.util';
import { SkillRejectedError } from './skill-rejected.error';

/** Limits every install source is held to (archives, folders, git checkouts). */
export interface BundleLimits {
  /** Bytes of an uploaded archive as sent (compressed). */
  readonly maxArchiveBytes: number;
  /** Bytes of all files once unpacked: a zip bomb stops here. */
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
  readonly maxFileBytes: number;
}

/** The files of one skill, by path relative to the skill folder; nothing else survives reading. */
export interface SkillBundle {
  readonly files: ReadonlyMap<string, Buffer>;
}

/**
 * Collects a skill's files while an archive or folder is read, enforcing the limits as it goes
 * (before a file's bytes are inflated where the reader can ask). A single top-level folder holding
 * everything (`weather-toolkit/skill.json`, as `tar czf x.tgz weather-toolkit` makes) is unwrapped.
 */
export class BundleBuilder {
  private readonly files = new Map<string, Buffer>();
  private totalBytes = 0;

  constructor(readonly limits: BundleLimits) {}

  /** Checks a directory entry's path (directories themselves are implied by files). */
  directory(rawPath: string): void {
    checkEntryPath(rawPath);
  }

  /** Checks path, count and declared size before `read` inflates anything. */
  file(rawPath: string, declaredBytes: number, read: () => Buffer): void {
    const path = checkEntryPath(rawPath);
    if (this.files.has(path)) {
      throw new SkillRejectedError('invalid-archive', `entry ${path} appears twice`);
    }
    if (this.files.size + 1 > this.limits.maxFiles) {
      throw new SkillRejectedError(
        'too-many-files',
        `more than ${this.limits.maxFiles} files (limit SKILLS_MAX_FILES)`,
      );
    }
    this.checkSize(path, declaredBytes);
    const bytes = read();
    this.checkSize(path, bytes.length);
    this.totalBytes += bytes.length;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      throw new SkillRejectedError(
        'too-large',
        `files add up to more than ${this.limits.maxTotalBytes} bytes unpacked (limit SKILLS_MAX_TOTAL_BYTES)`,
      );
    }
    this.files.set(path, bytes);
  }

  /** The bundle, with a lone top-level folder unwrapped. */
  done(): SkillBundle {
    if (this.files.has('skill.json')) return { files: this.files };
    const tops = new Set([...this.files.keys()].map((path) => path.split('/')[0]));
    const [top] = tops;
    if (tops.size !== 1 || top === undefined || !this.files.has(`${top}/skill.json`)) {
      throw new SkillRejectedError(
        'invalid-manifest',
        'skill.json is missing: put it at the top of the skill folder (or of its only subfolder)',
      );
    }
    const unwrapped = new Map<string, Buffer>();
    for (const [path, bytes] of this.files) unwrapped.set(path.slice(top.length + 1), bytes);
    return { files: unwrapped };
  }

  private checkSize(path: string, bytes: number): void {
    if (bytes > this.limits.maxFileBytes) {
      throw new SkillRejectedError(
        'too-large',
        `${path} is larger than ${this.limits.maxFileBytes} bytes (limit SKILLS_MAX_FILE_BYTES)`,
      );
    }
  }
}
