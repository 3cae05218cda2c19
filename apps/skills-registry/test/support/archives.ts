import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** One entry of a hand-made archive; hand-made so tests can write what no honest tool would. */
export interface TestEntry {
  readonly name: string;
  readonly content?: Buffer | string;
  /** tar type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' folder, 'x' pax. */
  readonly type?: string;
  readonly linkName?: string;
  /** Unix mode with file type bits, for zip entries (e.g. 0o120777 for a symlink). */
  readonly mode?: number;
  /** The uncompressed size a zip entry claims (a bomb lies about it). */
  readonly declaredSize?: number;
}

const field = (header: Buffer, offset: number, length: number, value: string) => {
  header.write(value.slice(0, length), offset, length, 'utf8');
};
const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');

/** A ustar archive of `entries`, byte by byte. */
export function tarOf(entries: readonly TestEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const header = Buffer.alloc(512);
    field(header, 0, 100, entry.name);
    field(header, 100, 8, octal(entry.type === '5' ? 0o755 : 0o644, 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(content.length, 12));
    field(header, 136, 12, octal(0, 12));
    header.write(entry.type ?? '0', 156, 1, 'latin1');
    field(header, 157, 100, entry.linkName ?? '');
    field(header, 257, 6, 'ustar');
    field(header, 263, 2, '00');
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, `${octal(sum, 7)}\0`);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** `tarOf` gzipped: a .tgz. */
export const tgzOf = (entries: readonly TestEntry[]): Buffer => gzipSync(tarOf(entries));

/** A zip of `entries` (deflated), with Unix modes when given. */
export function zipOf(entries: readonly TestEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? '');
    const packed = deflateRawSync(content);
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode is read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.declaredSize ?? content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A valid skill's entries (under `prefix`, e.g. `demo/`). */
export function skillEntries(
  manifest: Record<string, unknown> = {},
  prefix = '',
  prompt = 'Be precise.',
): TestEntry[] {
  return [
    {
      name: `${prefix}skill.json`,
      content: JSON.stringify({
        name: 'demo-skill',
        version: '1.0.0',
        description: 'A test skill',
        author: 'tests',
        entry: 'prompt.md',
        capabilities: ['testing'],
        compatibleAgents: ['*'],
        license: 'MIT',
        ...manifest,
      }),
    },
    { name: `${prefix}prompt.md`, content: prompt },
  ];
}
