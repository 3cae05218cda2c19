// CPU of the worker's agent step alone (prompt building, the offline provider, output parsing) per
// stage, in-process: `node -r @swc-node/register tools/bench/workflow/agent-cpu.ts [projects] [bytes]`
// (add --cpu-prof to see where it goes). No bus, no database: what the worker spends around them.
import { STAGE_IDS, type StageId } from '@agentbus/contracts';
import { agentForStage, type InputArtifact, runAgent } from '@agentbus/agents';
import { OfflineProvider } from '@agentbus/llm';
import { createHash } from 'node:crypto';

const projects = Number(process.argv[2] ?? 50);
const artifactBytes = Number(process.argv[3] ?? 2048);
const provider = new OfflineProvider({ artifactBytes });
// Every answer goes into one digest, so a change to the generator that alters answers shows.
const answers = createHash('sha256');

async function runProject(index: number): Promise<number> {
  const inputs = new Map<StageId, InputArtifact>();
  let stages = 0;
  for (const stage of STAGE_IDS) {
    const agent = agentForStage(stage);
    if (agent === undefined) continue;
    const context = {
      projectName: `Bench ${index}`,
      requirements: `REQUIREMENTS ${index}: a web shop that sells tea, with accounts, a cart and payments.`,
      inputs: new Map([...inputs].filter(([id]) => agent.inputs.includes(id))),
      memory: [],
      skills: [],
    };
    const run = await runAgent(agent, context, provider);
    inputs.set(stage, { format: run.format, body: run.body, version: 1 });
    answers.update(run.body);
    stages += 1;
  }
  return stages;
}

async function main(): Promise<void> {
  await runProject(-1); // warm-up: JIT and per-agent caches
  const cpu = process.cpuUsage();
  const started = performance.now();
  let stages = 0;
  for (let i = 0; i < projects; i++) stages += await runProject(i);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1_000;
  console.log(
    `${projects} projects, ${stages} stages, artifacts ~${artifactBytes} B: ` +
      `${(cpuMs / stages).toFixed(3)} ms CPU per stage, ${((performance.now() - started) / stages).toFixed(3)} ms wall; ` +
      `answers ${answers.digest('hex').slice(0, 16)}`,
  );
}

void main();
