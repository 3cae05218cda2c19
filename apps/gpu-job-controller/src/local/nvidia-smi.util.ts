import { execFile } from 'node:child_process';

/** A GPU as `nvidia-smi` lists it. */
export interface LocalGpu {
  readonly name: string;
  readonly memoryMiB: number;
}

/** The machine's NVIDIA GPUs, or none when `nvidia-smi` is absent or fails (a CPU-only host). */
export function listGpus(binary = 'nvidia-smi'): Promise<LocalGpu[]> {
  return new Promise((resolve) => {
    execFile(
      binary,
      ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 5_000 },
      (error, stdout) => {
        if (error) return resolve([]);
        resolve(parseGpuList(stdout));
      },
    );
  });
}

/** Parses `name, memory` lines (csv, no header, no units). */
export function parseGpuList(csv: string): LocalGpu[] {
  return csv
    .split('\n')
    .map((line) => line.split(',').map((cell) => cell.trim()))
    .filter(([name]) => Boolean(name))
    .map(([name = '', memory = '0']) => ({ name, memoryMiB: Number(memory) || 0 }));
}
