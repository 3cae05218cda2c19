import { type ArtifactMetaRow, type ArtifactRow } from './artifact.repository';
import {
  type AcceptedArtifactView,
  type ArtifactMetaView,
  type ArtifactView,
  type ListedArtifactView,
} from './artifact.views';
import { acceptanceOf } from './artifact-acceptance.util';
import { type AcceptedAt, staleInputsOf } from './stale-inputs.util';
import { fencedCode } from './fenced-code.util';

export function artifactMetaView(projectId: string, row: ArtifactMetaRow): ArtifactMetaView {
  const accepted = `/v1/projects/${projectId}/artifacts/${row.stage}`;
  const acceptance = acceptanceOf(row.version, row.accepted_version);
  return {
    id: row.id,
    stage: row.stage,
    version: row.version,
    attempt: row.attempt,
    format: row.format,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    agent: row.agent,
    provider: row.provider,
    model: row.model,
    createdAt: row.created_at.toISOString(),
    accepted: acceptance === 'accepted',
    acceptance,
    links: { self: `${accepted}?version=${row.version}`, accepted },
  };
}

/** A version as listed: its metadata and the inputs accepted since it was made. */
export const listedArtifactView = (
  projectId: string,
  row: ArtifactMetaRow,
  acceptedAt: AcceptedAt,
): ListedArtifactView => ({
  ...artifactMetaView(projectId, row),
  staleInputs: staleInputsOf(row.stage, row.created_at, acceptedAt),
});

export const acceptedArtifactView = (
  projectId: string,
  row: ArtifactMetaRow,
  versions: number,
  acceptedAt: AcceptedAt,
): AcceptedArtifactView => ({ ...listedArtifactView(projectId, row, acceptedAt), versions });

/** The JSON representation: metadata plus the parsed body (or the markdown text). */
export const artifactView = (projectId: string, row: ArtifactRow): ArtifactView => ({
  ...artifactMetaView(projectId, row),
  body: row.format === 'json' ? parsedOrRaw(row.body) : row.body,
});

/** The markdown representation: a markdown artifact as is, a JSON one as a fenced json block. */
export const artifactMarkdown = (row: ArtifactRow): string =>
  row.format === 'json' ? fencedCode(prettyJson(row.body), 'json') : row.body;

function parsedOrRaw(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function prettyJson(body: string): string {
  const parsed = parsedOrRaw(body);
  return parsed === body ? body : JSON.stringify(parsed, null, 2);
}
