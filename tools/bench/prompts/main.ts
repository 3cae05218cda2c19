import '../messaging/register-paths';
import { benchProjects } from './bench-projects';
import { TOKENIZER_LABEL } from './count-tokens';
import { measurePipeline } from './measure-pipeline';
import { projectTable } from './report';

// Input tokens per stage of each shipped project's pipeline, as built, against pasting every input
// whole (same instructions), and whether every required input section reached the prompt.
//   npm run bench:prompts [-- --project demo]
// Exit code 1 when any prompt lacks a required section.

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};

async function main(): Promise<void> {
  const only = arg('project');
  const projects = benchProjects().filter((project) => only === undefined || project.id === only);
  if (projects.length === 0) throw new Error(`no project ${only ?? ''}`);
  process.stdout.write(`Tokens: ${TOKENIZER_LABEL}. Provider: offline.\n\n`);
  let lost = 0;
  for (const project of projects) {
    const stages = await measurePipeline(project);
    lost += stages.filter((stage) => stage.missing.length > 0).length;
    const size = `${project.requirements.length} chars of requirements`;
    process.stdout.write(`${projectTable(`${project.id}: ${project.name} (${size})`, stages)}\n\n`);
  }
  if (lost > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
