import { type Command, Option } from 'commander';
import { STAGE_IDS } from '@agentbus/contracts';
import { join, relative, resolve } from 'node:path';
import { type ArtifactFormat, downloadArtifacts } from '../artifacts/download-artifacts';
import { UsageError } from '../errors/cli-errors';
import { formatTable } from '../output/table';
import { type CommandDeps } from './command-context';
import { positiveInt } from './option-parsers';

interface ArtifactsOptions {
  readonly stage?: string;
  readonly version?: number;
  readonly out?: string;
  readonly format: ArtifactFormat;
}

export function registerArtifacts(program: Command, deps: CommandDeps): void {
  program
    .command('artifacts')
    .description(
      "download a project's artifacts (the version the orchestrator accepted for each stage) to files",
    )
    .argument('<id>', 'project id')
    .addOption(new Option('--stage <stage>', 'only this stage').choices(STAGE_IDS))
    .option('--version <n>', 'this version of --stage (default: the latest)', positiveInt)
    .option('--out <dir>', 'folder to write to (default: artifacts/<id>)')
    .addOption(new Option('--format <format>', 'file format').choices(['md', 'json']).default('md'))
    .action(async (id: string, options: ArtifactsOptions) => {
      if (options.version !== undefined && options.stage === undefined) {
        throw new UsageError('--version needs --stage', 'e.g. --stage prd --version 2');
      }
      const ctx = deps.context();
      const outDir = resolve(ctx.io.cwd, options.out ?? join('artifacts', id));
      const written = await downloadArtifacts(ctx.api, {
        projectId: id,
        outDir,
        format: options.format,
        ...(options.stage === undefined ? {} : { stage: options.stage }),
        ...(options.version === undefined ? {} : { version: options.version }),
      });
      if (written.length === 0) {
        ctx.out(`project ${id} has no artifacts yet: stages write them as they finish`);
        ctx.out(`  follow it:  ${ctx.command(`watch ${id}`)}`);
        return;
      }
      const shown = (path: string) => relative(ctx.io.cwd, path) || path;
      const rows = written.map((w) => [w.stage, `v${w.version}`, String(w.bytes), shown(w.path)]);
      formatTable(['STAGE', 'VERSION', 'BYTES', 'FILE'], rows).forEach((line) => ctx.out(line));
      ctx.out(`wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${shown(outDir)}`);
    });
}
