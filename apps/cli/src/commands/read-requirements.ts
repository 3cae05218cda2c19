import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors/cli-errors';
import { type CliIo } from '../io';

const HINT = 'pass the path of a requirements file (text or markdown), or - to read stdin';

/** The requirements text from a file, or from stdin for `-`; empty input is a usage error. */
export async function readRequirements(io: CliIo, file: string): Promise<string> {
  const text = file === '-' ? await readAll(io.stdin) : await readPath(resolve(io.cwd, file), file);
  if (text.trim() === '') {
    throw new UsageError(`the requirements in ${file === '-' ? 'stdin' : file} are empty`, HINT);
  }
  return text;
}

async function readPath(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `cannot read ${shown}${typeof code === 'string' ? ` (${code})` : ''}`,
      HINT,
    );
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
