import { spawn } from 'node:child_process';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SkillRejectedError } from '../bundle/skill-rejected.error';

/** How a clone is bounded. */
export interface CloneBounds {
  readonly timeoutMs: number;
  /** Bytes the clone folder (pack and checkout) may reach before git is killed. */
  readonly maxBytes: number;
  /** Whether `file:` is one of the transports git may use (tests and local development). */
  readonly allowFile: boolean;
}

/** How often the clone folder's size is measured while git runs. */
const SIZE_CHECK_MS = 200;

/**
 * Clones one ref of `url` into `dir` (which must not exist or be empty), one commit deep, and
 * returns that commit. Git runs without hooks (empty template, hooksPath /dev/null), without the
 * machine's or user's config, credentials or prompts, with redirects off and only https (plus
 * file when allowed) as transports; it is killed past the timeout or the size bound.
 * @throws SkillRejectedError `git-failed` or `too-large`
 */
export async function shallowClone(
  url: URL,
  ref: string | undefined,
  dir: string,
  bounds: CloneBounds,
): Promise<string> {
  const protocols = bounds.allowFile ? 'https:file' : 'https';
  await runGit(
    [
      '-c',
      'core.hooksPath=/dev/null',
      '-c',
      'http.followRedirects=false',
      '-c',
      'credential.helper=',
      '-c',
      'submodule.recurse=false',
      'clone',
      '--depth=1',
      '--single-branch',
      '--no-tags',
      '--template=',
      ...(ref === undefined ? [] : ['--branch', ref]),
      '--',
      url.href,
      dir,
    ],
    { ...bounds, protocols, watch: dir },
  );
  return (await runGit(['-C', dir, 'rev-parse', 'HEAD'], { ...bounds, protocols })).trim();
}

interface RunOptions extends CloneBounds {
  readonly protocols: string;
  /** A folder whose size is held to `maxBytes` while git runs. */
  readonly watch?: string;
}

function runGit(args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: '/nonexistent',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: '/bin/false',
        GIT_ALLOW_PROTOCOL: options.protocols,
        GIT_PROTOCOL_FROM_USER: '0',
      },
    });
    let stdout = '';
    let stderr = '';
    let refusal: SkillRejectedError | undefined;
    const stop = (error: SkillRejectedError) => {
      refusal ??= error;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)),
    );
    const timer = setTimeout(
      () =>
        stop(new SkillRejectedError('git-failed', `git took longer than ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    const watcher =
      options.watch === undefined
        ? undefined
        : setInterval(() => {
            void folderBytes(options.watch ?? '').then((bytes) => {
              if (bytes > options.maxBytes) {
                stop(
                  new SkillRejectedError(
                    'too-large',
                    `the repository is over ${options.maxBytes} bytes: a skill must be small`,
                  ),
                );
              }
            });
          }, SIZE_CHECK_MS);
    child.on('error', (error) => {
      refusal ??= new SkillRejectedError('git-failed', `git could not run: ${error.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (watcher !== undefined) clearInterval(watcher);
      if (refusal !== undefined) return reject(refusal);
      if (code === 0) return resolve(stdout);
      const why = stderr.trim().split('\n').filter(Boolean).at(-1) ?? `exit code ${code}`;
      reject(
        new SkillRejectedError(
          'git-failed',
          `git ${args.includes('clone') ? 'clone' : 'rev-parse'} failed: ${why}`,
        ),
      );
    });
  });
}

/** Bytes of regular files under `root` (0 while it does not exist yet). */
async function folderBytes(root: string): Promise<number> {
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) total += (await lstat(path).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(root);
  return total;
}
