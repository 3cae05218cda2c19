import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AgentBusApi } from '../api/agent-bus-api';
import { UsageError } from '../errors/cli-errors';

export type ArtifactFormat = 'md' | 'json';

export interface DownloadRequest {
  readonly projectId: string;
  readonly stage?: string;
  readonly version?: number;
  readonly outDir: string;
  readonly format: ArtifactFormat;
}

export interface WrittenArtifact {
  readonly stage: string;
  readonly version: number;
  readonly path: string;
  readonly bytes: number;
}

/** Downloads the chosen artifacts (latest per stage by default) to `<stage>.v<version>.<md|json>`. */
export async function downloadArtifacts(
  api: AgentBusApi,
  request: DownloadRequest,
): Promise<WrittenArtifact[]> {
  const wanted = await chooseArtifacts(api, request);
  if (wanted.length > 0) await mkdir(request.outDir, { recursive: true });
  const written: WrittenArtifact[] = [];
  for (const { stage, version } of wanted) {
    const body =
      request.format === 'md'
        ? await api.artifactMarkdown(request.projectId, stage, version)
        : `${JSON.stringify(await api.artifactJson(request.projectId, stage, version), null, 2)}\n`;
    const path = join(request.outDir, `${fileSafe(stage)}.v${version}.${request.format}`);
    await writeFile(path, body);
    written.push({ stage, version, path, bytes: Buffer.byteLength(body) });
  }
  return written;
}

async function chooseArtifacts(api: AgentBusApi, request: DownloadRequest) {
  const { projectId, stage, version } = request;
  if (stage !== undefined && version !== undefined) return [{ stage, version }];
  const latest = (await api.artifacts(projectId)).map((a) => ({
    stage: a.stage,
    version: a.version,
  }));
  if (stage === undefined) return latest;
  const found = latest.filter((artifact) => artifact.stage === stage);
  if (found.length === 0) {
    const have = latest.map((a) => a.stage).join(', ') || 'none yet';
    throw new UsageError(
      `project ${projectId} has no ${stage} artifact yet`,
      `stages with artifacts: ${have}`,
    );
  }
  return found;
}

// Stage names come from the server: never let one climb out of the output folder.
const fileSafe = (stage: string): string => stage.replace(/[^A-Za-z0-9_-]/g, '_');
