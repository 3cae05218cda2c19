import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const LIB = join(ROOT, 'libs/contracts');

interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));

/**
 * `@agentbus/contracts` as another system gets it: built with the lib's tsconfig, packed by npm, and
 * unpacked into a consumer's node_modules. The consumer lives under the repository's tmp/ so that
 * the packages it depends on (zod, uuid) resolve as if installed; the dependency test below checks
 * that the package declares them.
 */
describe('the @agentbus/contracts package', () => {
  const meta = JSON.parse(readFileSync(join(LIB, 'package.json'), 'utf8')) as PackageJson;
  let work: string;
  let consumer: string;
  let installed: string;
  let packed: string[];

  beforeAll(async () => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    work = mkdtempSync(join(ROOT, 'tmp/contracts-package-'));
    const stage = join(work, 'stage');
    mkdirSync(stage);
    for (const file of ['package.json', 'README.md']) {
      writeFileSync(join(stage, file), readFileSync(join(LIB, file)));
    }
    // The build target's compiler run, into a private folder (a parallel nx build owns libs/contracts/dist).
    await run(process.execPath, [
      require.resolve('typescript/bin/tsc'),
      '-p',
      join(LIB, 'tsconfig.lib.json'),
      '--outDir',
      join(stage, 'dist'),
    ]);
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: stage,
    });
    const [pack] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    if (!pack) throw new Error(`npm pack printed nothing: ${stdout}`);
    packed = pack.files.map((file) => file.path).sort();
    consumer = join(work, 'consumer');
    installed = join(consumer, 'node_modules/@agentbus/contracts');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', join(work, pack.filename), '-C', installed, '--strip-components=1']);
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is versioned with the system it describes (consumers upgrade it with the deployment)', () => {
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    expect(meta).toMatchObject({ name: '@agentbus/contracts', version: root.version });
  });

  it('ships the compiled code, its declarations and the README, not the sources or specs', () => {
    expect(packed).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    for (const file of packed) {
      expect(file).toMatch(/^(package\.json|README\.md|dist\/.+\.(js|d\.ts))$/);
      expect(file).not.toMatch(/\.spec\./);
    }
    // Every module has its declarations beside it.
    const js = packed.filter((file) => file.endsWith('.js'));
    expect(packed.filter((file) => file.endsWith('.d.ts'))).toHaveLength(js.length);
  });

  it('declares exactly the packages its code requires, and no repository path alias', () => {
    const required = new Set<string>();
    for (const file of filesUnder(join(installed, 'dist')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(installed, 'dist', file), 'utf8');
      for (const [, specifier] of code.matchAll(/require\("([^"]+)"\)/g)) {
        if (specifier && !specifier.startsWith('.')) required.add(specifier.split('/')[0] ?? '');
      }
    }
    expect([...required].sort()).toEqual(Object.keys(meta.dependencies).sort());
    expect([...required].filter((name) => name.startsWith('@agentbus'))).toEqual([]);
  });

  const script = `
    const { ProjectSubmittedV1, createEnvelope, parseEnvelope, streamFor, allMessages } = contracts;
    const projectId = '0197a2c4-5b1e-7d3a-8f21-6c4b9e0a1d52';
    const envelope = createEnvelope(
      ProjectSubmittedV1,
      { projectId, name: 'Shop', requirements: 'A web shop', options: {}, submittedBy: 'crm' },
      { source: 'crm', correlationId: projectId },
    );
    const back = parseEnvelope(ProjectSubmittedV1, JSON.parse(JSON.stringify(envelope)));
    let refused = '';
    try {
      parseEnvelope(ProjectSubmittedV1, { ...envelope, data: { ...envelope.data, name: '' } });
    } catch (error) {
      refused = error.name;
    }
    console.log(JSON.stringify({
      subject: back.type,
      gates: back.data.options.gates,
      stream: streamFor(back.type).name,
      contracts: allMessages().length,
      refused,
    }));`;

  it.each([
    ['CommonJS require', 'check.cjs', `const contracts = require('@agentbus/contracts');${script}`],
    ['ESM import', 'check.mjs', `import * as contracts from '@agentbus/contracts';${script}`],
  ])('works from a plain node process (%s)', async (_how, file, code) => {
    writeFileSync(join(consumer, file), code);
    const { stdout } = await run(process.execPath, [file], {
      cwd: consumer,
      env: { PATH: process.env['PATH'] ?? '' }, // no NODE_OPTIONS, no swc register, no aliases
    });
    expect(JSON.parse(stdout)).toEqual({
      subject: 'agentbus.workflow.v1.project.submitted',
      gates: { prd_approval: true, delivery_approval: false },
      stream: 'AGENTBUS_WORKFLOW',
      contracts: expect.any(Number),
      refused: 'InvalidMessageError',
    });
    expect((JSON.parse(stdout) as { contracts: number }).contracts).toBeGreaterThanOrEqual(28);
  });

  it('gives TypeScript consumers typed exports (and the external consumer example checks)', async () => {
    writeFileSync(
      join(consumer, 'typed.ts'),
      `import {
  type MessageOf,
  ProjectCompletedV1,
  StageCompletedV1,
  createEnvelope,
  messageFor,
} from '@agentbus/contracts';

export function totalCost(message: MessageOf<typeof ProjectCompletedV1>): number {
  return message.data.totalCostUsd;
}
export function stageOf(message: MessageOf<typeof StageCompletedV1>): string {
  // @ts-expect-error a stage-completed message has no cost
  void message.data.totalCostUsd;
  return message.data.stage;
}
export const subject: 'agentbus.workflow.v1.stage.completed' = StageCompletedV1.subject;
export const lookedUp = messageFor('agentbus.workflow.v1.project.completed')?.kind;
// @ts-expect-error the data must match the contract
createEnvelope(ProjectCompletedV1, { projectId: 'x' }, { source: 's', correlationId: 'c' });
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          types: ['node'],
          allowJs: true,
          checkJs: true,
          noEmit: true,
          // Our declarations were checked when tsc wrote them; zod's would only cost time here.
          skipLibCheck: true,
        },
        files: ['typed.ts', 'consumer.mjs'],
      }),
    );
    // The external consumer example (examples/external-consumer), checked as plain JS with JSDoc.
    writeFileSync(
      join(consumer, 'consumer.mjs'),
      readFileSync(join(ROOT, 'examples/external-consumer/consumer.mjs')),
    );
    await expect(
      run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', consumer]),
    ).resolves.toBeDefined();
  }, 60_000);
});
