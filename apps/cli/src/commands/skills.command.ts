import { readFile, stat, writeFile } from 'node:fs/promises';
import { type Command } from 'commander';
import { type AgentSkills } from '../api/skills-api';
import { UsageError } from '../errors/cli-errors';
import { formatTime } from '../output/format';
import { formatTable } from '../output/table';
import { type CommandContext, type CommandDeps } from './command-context';

const list = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
];

/**
 * `skills list|show|install|install-git|uninstall|agent|set-agent|permissions export|import`:
 * the skill catalog and who may use what.
 */
export function registerSkills(program: Command, deps: CommandDeps): void {
  const skills = program
    .command('skills')
    .description(
      'installed skills and which agent may use which (install, uninstall, set-agent need an admin key)',
    );
  skills
    .command('list')
    .description('installed skills with their versions')
    .option('--json', 'the skills as one JSON array')
    .action(async (options: { readonly json?: boolean }) => {
      const ctx = deps.context();
      const items = await ctx.skills.list();
      if (options.json === true) return ctx.out(JSON.stringify(items));
      if (items.length === 0) return ctx.out('no skills installed');
      const rows = items.map((s) => [
        s.name,
        s.latest,
        s.versions.map((v) => v.version).join(', '),
        s.versions[0]?.description ?? '',
      ]);
      for (const line of formatTable(['NAME', 'LATEST', 'VERSIONS', 'DESCRIPTION'], rows)) {
        ctx.out(line);
      }
    });
  skills
    .command('show')
    .description('one skill: versions, files with their sha256, agents that use it')
    .argument('<name>')
    .action(async (name: string) => {
      const ctx = deps.context();
      const skill = await ctx.skills.get(name);
      ctx.out(
        `${skill.name} (latest ${skill.latest}); used by: ${skill.agents.join(', ') || 'no agent'}`,
      );
      for (const version of skill.versions) {
        ctx.out(
          `  ${version.version}  ${version.sha256}  installed ${formatTime(version.installedAt)} by ${version.installedBy}`,
        );
        ctx.out(`    ${version.description}  [${version.capabilities.join(', ')}]`);
      }
      for (const file of skill.files) {
        ctx.out(`  ${file.version}/${file.path}  ${file.sizeBytes} B  ${file.sha256}`);
      }
    });
  skills
    .command('install')
    .description(
      'install a skill from a .tgz, .tar or .zip archive (new skills go to no agent until set-agent allows them)',
    )
    .argument('<archive>', 'path of the archive; for a folder run: tar czf skill.tgz -C <folder> .')
    .action(async (path: string) => {
      const ctx = deps.context();
      if ((await stat(path).catch(() => undefined))?.isDirectory()) {
        throw new UsageError(
          `${path} is a folder`,
          `pack it first: tar czf skill.tgz -C ${path} .`,
        );
      }
      const installed = await ctx.skills.install(await readFile(path));
      ctx.out(
        installed.status === 'unchanged'
          ? `${installed.name}@${installed.version} is already installed with this content`
          : `installed ${installed.name}@${installed.version} (${installed.files} files, sha256 ${installed.sha256})`,
      );
      if (installed.status === 'installed') {
        ctx.out(
          `  allow it:  ${ctx.command(`skills set-agent <agent> --allow ${installed.name}`)}`,
        );
      }
    });
  skills
    .command('install-git')
    .description(
      'install a skill from an https git URL on a host the registry allows (its SKILLS_GIT_HOSTS)',
    )
    .argument('<url>', 'e.g. https://github.com/acme/agent-skills.git (no credentials)')
    .option('--ref <ref>', "a branch or tag (default: the repository's default branch)")
    .action(async (url: string, options: { readonly ref?: string }) => {
      const ctx = deps.context();
      const installed = await ctx.skills.installGit(url, options.ref);
      ctx.out(
        installed.status === 'unchanged'
          ? `${installed.name}@${installed.version} is already installed with this content (commit ${installed.commit})`
          : `installed ${installed.name}@${installed.version} from commit ${installed.commit} (${installed.files} files, sha256 ${installed.sha256})`,
      );
      if (installed.status === 'installed') {
        ctx.out(
          `  allow it:  ${ctx.command(`skills set-agent <agent> --allow ${installed.name}`)}`,
        );
      }
    });
  skills
    .command('uninstall')
    .description('uninstall one version (name@version) or every version (name)')
    .argument('<ref>', 'name or name@version')
    .action(async (ref: string) => {
      const ctx = deps.context();
      const removed = await ctx.skills.uninstall(ref);
      ctx.out(`uninstalled ${removed.name} ${removed.versions.join(', ')}`);
    });
  skills
    .command('agent')
    .description("an agent's rules and the skill versions it gets now")
    .argument('<agent>')
    .action(async (agent: string) => {
      const ctx = deps.context();
      printAgent(ctx, await ctx.skills.ofAgent(agent));
    });
  skills
    .command('set-agent')
    .description(
      "replace an agent's rules: name, name@range (e.g. security-owasp@^1), '*' or prefix-*",
    )
    .argument('<agent>')
    .option('--allow <rules>', 'comma-separated allow rules (repeatable)', list, [])
    .option('--deny <rules>', 'comma-separated deny rules; deny wins (repeatable)', list, [])
    .action(
      async (agent: string, options: { readonly allow: string[]; readonly deny: string[] }) => {
        const ctx = deps.context();
        printAgent(
          ctx,
          await ctx.skills.setForAgent(agent, { allow: options.allow, deny: options.deny }),
        );
      },
    );
  registerPermissions(skills, deps);
}

/** `skills permissions export|import`: every allowlist and capability mapping as one YAML file. */
function registerPermissions(skills: Command, deps: CommandDeps): void {
  const permissions = skills
    .command('permissions')
    .description('every allowlist and capability mapping as one YAML document (import: admin key)');
  permissions
    .command('export')
    .description('print the permissions document (or write it with --out)')
    .option('--out <file>', 'write the YAML to this file instead of printing it')
    .action(async (options: { readonly out?: string }) => {
      const ctx = deps.context();
      const yaml = await ctx.skills.exportPermissions();
      if (options.out === undefined) return ctx.out(yaml.replace(/\n$/, ''));
      await writeFile(options.out, yaml);
      ctx.out(`wrote ${options.out}`);
    });
  permissions
    .command('import')
    .description(
      "replace every allowlist and mapping with the file's (all or nothing; agents absent lose their rules)",
    )
    .argument('<file>', 'a YAML document as export writes it')
    .action(async (file: string) => {
      const ctx = deps.context();
      const yaml = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
      });
      const done = await ctx.skills.importPermissions(yaml);
      ctx.out(
        `imported: ${done.agents} agents with rules, ${done.capabilities} capability mappings`,
      );
    });
}

function printAgent(ctx: CommandContext, view: AgentSkills): void {
  ctx.out(
    `${view.agent}: allow ${view.allow.join(', ') || '(nothing)'}; deny ${view.deny.join(', ') || '(nothing)'}`,
  );
  ctx.out(
    view.skills.length === 0
      ? '  gets no skill'
      : `  gets ${view.skills.map((s) => `${s.name}@${s.version}`).join(', ')}`,
  );
}
