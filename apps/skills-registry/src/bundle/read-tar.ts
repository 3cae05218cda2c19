import { type BundleBuilder } from './skill-bundle';
import { SkillRejectedError } from './skill-rejected.error';

const BLOCK = 512;

const invalid = (message: string) => new SkillRejectedError('invalid-archive', message);

const text = (block: Buffer, offset: number, length: number): string => {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
};

const octal = (block: Buffer, offset: number, length: number, what: string): number => {
  const raw = text(block, offset, length).trim();
  if (!/^[0-7]*$/.test(raw)) throw invalid(`tar header has a malformed ${what} field`);
  return raw === '' ? 0 : parseInt(raw, 8);
};

const checksumOk = (header: Buffer): boolean => {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum === octal(header, 148, 8, 'checksum');
};

/** `path=` of a pax extended header; other keys (mtime, uid…) do not matter for a skill. */
const paxPath = (data: Buffer): string | undefined => {
  let path: string | undefined;
  let rest = data.toString('utf8');
  while (rest.length > 0) {
    const space = rest.indexOf(' ');
    const length = Number(rest.slice(0, space));
    if (space <= 0 || !Number.isInteger(length) || length <= space) {
      throw invalid('malformed pax header');
    }
    const [key, ...value] = rest.slice(space + 1, length - 1).split('=');
    if (key === 'path') path = value.join('=');
    if (key === 'linkpath') throw new SkillRejectedError('link', 'archive entry is a link');
    rest = rest.slice(length);
  }
  return path;
};

const KIND_REFUSED: Record<string, [reason: 'link' | 'special-file', what: string]> = {
  '1': ['link', 'a hard link'],
  '2': ['link', 'a symbolic link'],
  '3': ['special-file', 'a character device'],
  '4': ['special-file', 'a block device'],
  '6': ['special-file', 'a FIFO'],
  '7': ['special-file', 'a contiguous file'],
  K: ['link', 'a long link name'],
};

/**
 * Reads an (uncompressed) ustar/pax/GNU tar into `builder`: regular files and directories only; a
 * link, device, FIFO or unknown entry type refuses the whole archive. Sizes are checked against the
 * limits from the header before the entry's bytes are copied.
 */
export function readTar(tar: Buffer, builder: BundleBuilder): void {
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return; // end-of-archive marker
    if (!checksumOk(header)) throw invalid(`tar header at byte ${offset} fails its checksum`);
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    if (dataStart + size > tar.length) throw invalid('tar entry runs past the end of the archive');
    const data = () => tar.subarray(dataStart, dataStart + size);
    const prefix = text(header, 345, 155);
    const headerName = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
    const name = longName ?? headerName;
    longName = undefined;
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    const refused = KIND_REFUSED[type];
    if (refused) {
      throw new SkillRejectedError(refused[0], `entry ${JSON.stringify(name)} is ${refused[1]}`);
    }
    switch (type) {
      case '0':
      case '\0':
        builder.file(name, size, () => Buffer.from(data()));
        break;
      case '5':
        builder.directory(name);
        break;
      case 'x':
        longName = paxPath(data());
        break;
      case 'g':
        break; // global pax defaults: nothing in them applies to a skill
      case 'L':
        if (size > 4096) throw invalid('GNU long name over 4 KiB');
        longName = text(data(), 0, size);
        break;
      default:
        throw new SkillRejectedError(
          'special-file',
          `entry ${JSON.stringify(name)} has tar type ${JSON.stringify(type)}, not a file or folder`,
        );
    }
  }
  throw invalid('tar archive ends without its end marker (truncated?)');
}
