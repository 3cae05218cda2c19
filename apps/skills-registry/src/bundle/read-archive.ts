import { gunzipSync } from 'node:zlib';
import { isOutputCapError } from './is-output-cap-error.util';
import { readTar } from './read-tar';
import { readZip } from './read-zip';
import { BundleBuilder, type BundleLimits, type SkillBundle } from './skill-bundle';
import { SkillRejectedError } from './skill-rejected.error';

const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;
const isZip = (bytes: Buffer) => bytes.readUInt32LE(0) === 0x04034b50;
const isTar = (bytes: Buffer) => bytes.subarray(257, 262).toString('latin1') === 'ustar';

/**
 * Reads an uploaded `.tgz`, `.tar` or `.zip` (told apart by content, not by name) into a bundle.
 * A gzip stream is inflated with a cap of the unpacked limit plus tar's headers, so a gzip bomb
 * stops there.
 * @throws SkillRejectedError for anything unsafe, oversized or unreadable.
 */
export function readArchive(archive: Buffer, limits: BundleLimits): SkillBundle {
  if (archive.length > limits.maxArchiveBytes) {
    throw new SkillRejectedError(
      'too-large',
      `archive is ${archive.length} bytes, over ${limits.maxArchiveBytes} (limit SKILLS_MAX_ARCHIVE_BYTES)`,
    );
  }
  if (archive.length < 4) throw new SkillRejectedError('invalid-archive', 'archive is empty');
  const builder = new BundleBuilder(limits);
  if (isZip(archive)) {
    readZip(archive, builder);
    return builder.done();
  }
  let tar = archive;
  if (isGzip(archive)) {
    // Headers and padding: at most 1.5 KiB per file, beside the file bytes themselves.
    const cap = limits.maxTotalBytes + (limits.maxFiles * 2 + 4) * 1024;
    try {
      tar = gunzipSync(archive, { maxOutputLength: cap });
    } catch (error) {
      if (isOutputCapError(error)) {
        throw new SkillRejectedError(
          'too-large',
          `archive inflates past ${cap} bytes (limit SKILLS_MAX_TOTAL_BYTES)`,
        );
      }
      throw new SkillRejectedError('invalid-archive', 'gzip stream is corrupt', { cause: error });
    }
  }
  if (!isTar(tar)) {
    throw new SkillRejectedError('invalid-archive', 'upload is not a .tgz, .tar or .zip archive');
  }
  readTar(tar, builder);
  return builder.done();
}
