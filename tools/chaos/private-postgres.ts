import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest Postgres server binaries Debian installed (`/usr/lib/postgresql/<major>/bin`). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin/pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const major = majors[0];
  if (major === undefined) {
    throw new Error(
      `no Postgres server under ${root}: install it with \`apt-get install postgresql\``,
    );
  }
  return join(root, major, 'bin');
}

/**
 * A Postgres cluster of the chaos run's own, on its own port and data directory, so it can be
 * crashed (`stop -m immediate`) and started again without touching the machine's server. Postgres
 * refuses to run as root, so as root every command runs as the `postgres` user.
 */
export class PrivatePostgres {
  private readonly bin = postgresBinDir();
  private readonly asPostgres = process.getuid?.() === 0;
  readonly dataDir: string;

  private constructor(readonly port: number) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'agentbus-chaos-pg-'));
  }

  /** initdb + start; resolves when the server accepts connections. */
  static async create(port: number): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(port);
    if (pg.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(pg.dataDir, uid, gid);
    }
    pg.run('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dataDir}`,
      '-c max_connections=300',
    ].join(' ');
    this.run('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      join(this.dataDir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** A crash as far as clients and recovery are concerned: every backend is killed, no checkpoint. */
  crash(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private run(tool: string, args: readonly string[]): void {
    const command = join(this.bin, tool);
    const [file, argv] = this.asPostgres
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, [...args]];
    execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: tmpdir() });
  }
}
