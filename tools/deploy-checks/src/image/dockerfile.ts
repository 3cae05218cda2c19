/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  /** Upper case: `FROM`, `RUN`, `COPY`, ... */
  readonly keyword: string;
  /** Everything after the keyword and its `--flags`. */
  readonly args: string;
  /** `--from=build` -> `{ from: 'build' }`. */
  readonly flags: Readonly<Record<string, string>>;
  /** The exec (JSON array) form of `CMD`, `ENTRYPOINT`, `RUN`, `HEALTHCHECK CMD`, if used. */
  readonly exec?: readonly string[];
  /** 1-based line of the keyword. */
  readonly line: number;
}

/** A build stage: `FROM <base> [AS <name>]` and its instructions. */
export interface Stage {
  readonly name?: string;
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

/** A parsed Dockerfile. */
export interface Dockerfile {
  /** `ARG`s before the first `FROM` (usable in `FROM` lines), with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly stages: readonly Stage[];
}

/** Thrown for Dockerfile syntax this parser (and so the checks) cannot read. */
export class DockerfileSyntaxError extends Error {
  constructor(message: string, line: number) {
    super(`Dockerfile line ${line}: ${message}`);
    this.name = 'DockerfileSyntaxError';
  }
}

/**
 * Parses the subset of Dockerfile syntax the repository uses: comments, `\` continuations (comment
 * lines inside them are dropped, as BuildKit does), `--flags`, exec and shell forms, heredocs
 * excluded. Enough to check what the runtime stages run; not a general parser.
 */
export function parseDockerfile(text: string): Dockerfile {
  const globalArgs = new Map<string, string | undefined>();
  const stages: { name?: string; base: string; instructions: Instruction[] }[] = [];
  for (const instruction of logicalLines(text).map(toInstruction)) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (match === null) {
        throw new DockerfileSyntaxError('FROM <image> [AS <name>]', instruction.line);
      }
      stages.push({
        base: match[1] as string,
        ...(match[2] ? { name: match[2] } : {}),
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new DockerfileSyntaxError(
          'only ARG may come before the first FROM',
          instruction.line,
        );
      }
      const [name, value] = splitAssignment(instruction.args);
      globalArgs.set(name, value);
    } else {
      (stages[stages.length - 1] as { instructions: Instruction[] }).instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

function logicalLines(text: string): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (current === undefined && trimmed === '')) return;
    if (trimmed.startsWith('<<') || /<<-?\s*['"]?[A-Z]+['"]?\s*$/.test(trimmed)) {
      throw new DockerfileSyntaxError('heredocs are not supported by these checks', index + 1);
    }
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trimEnd() : trimmed;
    current = current
      ? { text: `${current.text} ${part}`, line: current.line }
      : { text: part, line: index + 1 };
    if (!continued) {
      result.push(current);
      current = undefined;
    }
  });
  if (current) result.push(current);
  return result;
}

function toInstruction({ text, line }: { text: string; line: number }): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text);
  if (match === null) throw new DockerfileSyntaxError('empty instruction', line);
  const keyword = (match[1] as string).toUpperCase();
  let rest = match[2] as string;
  const flags: Record<string, string> = {};
  for (
    let flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    flag;
    flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)
  ) {
    flags[flag[1] as string] = flag[2] ?? 'true';
    rest = rest.slice(flag[0].length);
  }
  const execSource = keyword === 'HEALTHCHECK' ? rest.replace(/^CMD\s+/, '') : rest;
  const exec = execSource.startsWith('[') ? parseExecForm(execSource, line) : undefined;
  return { keyword, args: rest, flags, line, ...(exec ? { exec } : {}) };
}

function parseExecForm(source: string, line: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new DockerfileSyntaxError(`exec form is not a JSON array: ${source}`, line);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new DockerfileSyntaxError('exec form must be an array of strings', line);
  }
  return parsed;
}

function splitAssignment(text: string): [string, string | undefined] {
  const index = text.indexOf('=');
  return index < 0
    ? [text.trim(), undefined]
    : [text.slice(0, index).trim(), unquote(text.slice(index + 1))];
}

const unquote = (value: string): string => value.trim().replace(/^"(.*)"$/s, '$1');

/** `KEY=value` pairs of an `ENV` or `LABEL` instruction (quoted values may hold spaces). */
export function keyValues(instruction: Instruction): Map<string, string> {
  const pairs = new Map<string, string>();
  const pattern = /([A-Za-z0-9_.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;
  for (const match of instruction.args.matchAll(pattern)) {
    pairs.set(match[1] as string, unquote(match[2] as string));
  }
  return pairs;
}

/** The stage named `name`, or the one at `index`. */
export function stageNamed(dockerfile: Dockerfile, name: string): Stage | undefined {
  return dockerfile.stages.find((stage) => stage.name === name);
}

/** A stage and its ancestors inside this Dockerfile, the stage itself first. */
export function lineage(dockerfile: Dockerfile, stage: Stage): Stage[] {
  const chain: Stage[] = [stage];
  for (
    let parent = stageNamed(dockerfile, stage.base);
    parent;
    parent = stageNamed(dockerfile, parent.base)
  ) {
    if (chain.includes(parent)) throw new Error(`stage cycle at ${parent.name ?? parent.base}`);
    chain.push(parent);
  }
  return chain;
}

/** Instructions a stage runs with, inherited ones first (as the build applies them). */
export function effectiveInstructions(dockerfile: Dockerfile, stage: Stage): Instruction[] {
  return lineage(dockerfile, stage)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** The last instruction with this keyword that applies to the stage (own or inherited). */
export function lastOf(
  dockerfile: Dockerfile,
  stage: Stage,
  keyword: string,
): Instruction | undefined {
  return effectiveInstructions(dockerfile, stage)
    .filter((instruction) => instruction.keyword === keyword)
    .at(-1);
}

/** The stage's environment after every inherited and own `ENV`. */
export function environmentOf(dockerfile: Dockerfile, stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of effectiveInstructions(dockerfile, stage)) {
    if (instruction.keyword === 'ENV') keyValues(instruction).forEach((v, k) => env.set(k, v));
  }
  return env;
}

/** The stage's labels after every inherited and own `LABEL`. */
export function labelsOf(dockerfile: Dockerfile, stage: Stage): Map<string, string> {
  const labels = new Map<string, string>();
  for (const instruction of effectiveInstructions(dockerfile, stage)) {
    if (instruction.keyword === 'LABEL') keyValues(instruction).forEach((v, k) => labels.set(k, v));
  }
  return labels;
}

/** The working directory in effect at the end of the stage (`/` when none is set). */
export function workdirOf(dockerfile: Dockerfile, stage: Stage): string {
  let dir = '/';
  for (const instruction of effectiveInstructions(dockerfile, stage)) {
    if (instruction.keyword !== 'WORKDIR') continue;
    dir = instruction.args.startsWith('/')
      ? instruction.args
      : `${dir.replace(/\/$/, '')}/${instruction.args}`;
  }
  return dir;
}
