import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleBuilder, type BundleLimits, type SkillBundle } from './skill-bundle';
import { SkillRejectedError } from './skill-rejected.error';

/**
 * Reads a skill folder from disk, never following links: a symlink, a hard-linked file (a second
 * name for a file that may live outside the folder), a device, FIFO or socket refuses the folder.
 * `skip` names top-level entries to leave out (`.git` of a checkout).
 */
export async function readFolder(
  root: string,
  limits: BundleLimits,
  skip: readonly string[] = [],
): Promise<SkillBundle> {
  const builder = new BundleBuilder(limits);
  const walk = async (relative: string): Promise<void> => {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      if (relative === '' && skip.includes(name)) continue;
      const path = relative === '' ? name : `${relative}/${name}`;
      const stats = await lstat(join(root, path));
      if (stats.isSymbolicLink()) {
        throw new SkillRejectedError('link', `${path} is a symbolic link`);
      }
      if (stats.isDirectory()) {
        builder.directory(path);
        await walk(path);
      } else if (stats.isFile()) {
        if (stats.nlink > 1) throw new SkillRejectedError('link', `${path} is a hard link`);
        const bytes = await readFile(join(root, path));
        builder.file(path, stats.size, () => bytes);
      } else {
        throw new SkillRejectedError('special-file', `${path} is not a regular file or folder`);
      }
    }
  };
  await walk('');
  return builder.done();
}
