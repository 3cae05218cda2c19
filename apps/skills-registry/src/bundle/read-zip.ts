import { crc32, inflateRawSync } from 'node:zlib';
import { isOutputCapError } from './is-output-cap-error.util';
import { type BundleBuilder } from './skill-bundle';
import { SkillRejectedError } from './skill-rejected.error';

const END_OF_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

const invalid = (message: string) => new SkillRejectedError('invalid-archive', message);

const endOfDirectory = (zip: Buffer): number => {
  // The record is 22 bytes plus a comment of up to 64 KiB, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw invalid('zip has no end-of-central-directory record (truncated or not a zip)');
};

interface CentralEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly mode: number | undefined;
  readonly localOffset: number;
}

function centralEntries(zip: Buffer): CentralEntry[] {
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw invalid('zip64 archives are not accepted');
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY) {
      throw invalid('zip central directory is corrupt');
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const madeBy = zip.readUInt16LE(at + 4) >> 8;
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: zip.readUInt16LE(at + 10),
      flags: zip.readUInt16LE(at + 8),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      mode: madeBy === UNIX ? zip.readUInt32LE(at + 38) >>> 16 : undefined,
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }
  return entries;
}

function contentOf(zip: Buffer, entry: CentralEntry, maxBytes: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_ENTRY) {
    throw invalid(`zip entry ${entry.name} has no local header`);
  }
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const stored = zip.subarray(start, start + entry.compressedSize);
  if (stored.length !== entry.compressedSize) throw invalid(`zip entry ${entry.name} is truncated`);
  let bytes: Buffer;
  if (entry.method === 0) bytes = Buffer.from(stored);
  else if (entry.method === 8) {
    try {
      // Inflating stops one byte past the limit: a bomb never expands further than that.
      bytes = inflateRawSync(stored, { maxOutputLength: maxBytes + 1 });
    } catch (error) {
      if (isOutputCapError(error)) {
        throw new SkillRejectedError(
          'too-large',
          `${entry.name} inflates past ${maxBytes} bytes (limit SKILLS_MAX_FILE_BYTES)`,
        );
      }
      throw invalid(`zip entry ${entry.name} does not inflate`);
    }
  } else throw invalid(`zip entry ${entry.name} uses compression method ${entry.method}`);
  if (bytes.length !== entry.size || crc32(bytes) !== entry.crc) {
    throw invalid(`zip entry ${entry.name} does not match its recorded size or CRC`);
  }
  return bytes;
}

/**
 * Reads a zip into `builder` from its central directory: stored or deflated regular files and
 * folders only. Symlinks and other Unix file types, encrypted entries and zip64 refuse the archive;
 * each entry is inflated with a cap, so a zip bomb is refused after at most the limit in memory.
 */
export function readZip(zip: Buffer, builder: BundleBuilder): void {
  for (const entry of centralEntries(zip)) {
    const type = entry.mode === undefined ? undefined : entry.mode & S_IFMT;
    if (type === S_IFLNK) {
      throw new SkillRejectedError(
        'link',
        `entry ${JSON.stringify(entry.name)} is a symbolic link`,
      );
    }
    if (type !== undefined && type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      throw new SkillRejectedError(
        'special-file',
        `entry ${JSON.stringify(entry.name)} is not a regular file or folder`,
      );
    }
    if ((entry.flags & 1) !== 0) throw invalid(`zip entry ${entry.name} is encrypted`);
    if (entry.name.endsWith('/') || type === S_IFDIR) {
      builder.directory(entry.name);
      continue;
    }
    builder.file(entry.name, entry.size, () => contentOf(zip, entry, builder.limits.maxFileBytes));
  }
}
