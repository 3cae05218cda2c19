import { useEffect } from 'preact/hooks';
import { dataOf, type GatewayClient } from '../api/gateway-client';
import { ArtifactBody, downloadArtifact } from '../artifacts/artifact-body';
import { versionToShow } from '../artifacts/version-to-show';
import { hrefOf } from '../routing/routes';
import { useLoad } from './use-load';
import { LoadStatus } from './call-status';

/** While the version shown by default awaits the stage's redo, the page looks again this often. */
const STALE_RECHECK_MS = 3000;

/**
 * One stage's artifact, any version (the accepted one by default, else the newest), with download.
 * A default version that is stale or not accepted (a restart is redoing the stage) is replaced on
 * screen by the redo, without a reload.
 */
export function ArtifactView(props: {
  client: GatewayClient;
  id: string;
  stage: string;
  version?: number;
}) {
  const { client, id, stage, version } = props;
  const loaded = useLoad(
    async () => {
      const list = await dataOf(
        client.GET('/v1/projects/{id}/artifacts', { params: { path: { id } } }),
      );
      const shown = versionToShow(list, stage, version);
      const artifact = await dataOf(
        client.GET('/v1/projects/{id}/artifacts/{stage}', {
          params: { path: { id, stage }, query: shown === undefined ? {} : { version: shown } },
        }),
      );
      const versions = list.allVersions
        .filter((meta) => meta.stage === stage)
        .sort((a, b) => b.version - a.version);
      const staleInputs =
        versions.find((meta) => meta.version === artifact.version)?.staleInputs ?? [];
      return { versions, artifact, staleInputs };
    },
    `${id}/${stage}/${version ?? ''}`,
  );

  const data = loaded.data;
  const awaitsRedo =
    version === undefined &&
    data !== undefined &&
    (data.staleInputs.length > 0 || data.artifact.acceptance !== 'accepted');
  useEffect(() => {
    if (!awaitsRedo) return undefined;
    const timer = setInterval(loaded.reload, STALE_RECHECK_MS);
    return () => clearInterval(timer);
  }, [awaitsRedo, loaded.reload]);

  return (
    <section aria-labelledby="artifact-title">
      <p>
        <a href={hrefOf({ page: 'project', id })}>← Project</a>
      </p>
      <h1 id="artifact-title">Artifact: {stage.replace(/_/g, ' ')}</h1>
      <LoadStatus loaded={loaded} what="the artifact" />
      {data !== undefined && (
        <>
          <div class="filters">
            <label>
              Version
              <select
                value={String(data.artifact.version)}
                onChange={(event) =>
                  (location.hash = hrefOf({
                    page: 'artifact',
                    id,
                    stage,
                    version: Number(event.currentTarget.value),
                  }))
                }
              >
                {data.versions.map((meta) => (
                  <option key={meta.version} value={String(meta.version)}>
                    v{meta.version} · {meta.acceptance} ·{' '}
                    {new Date(meta.createdAt).toLocaleString()}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class="secondary" onClick={() => downloadArtifact(data.artifact)}>
              Download
            </button>
          </div>
          <p class="meta">
            {data.artifact.acceptance} · {data.artifact.format} ·{' '}
            {data.artifact.sizeBytes.toLocaleString()} bytes · {data.artifact.agent} on{' '}
            {data.artifact.provider}/{data.artifact.model} · sha256{' '}
            <code>{data.artifact.sha256.slice(0, 12)}</code>
          </p>
          {data.staleInputs.length > 0 && (
            <p class="notice stale" role="note">
              Stale: built on an older{' '}
              {data.staleInputs.map((stage) => stage.replace(/_/g, ' ')).join(', ')} than the one
              accepted now; it is current again once this stage runs again.
            </p>
          )}
          <ArtifactBody artifact={data.artifact} />
        </>
      )}
    </section>
  );
}
