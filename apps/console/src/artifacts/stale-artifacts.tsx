import { type ArtifactList } from '../api/gateway-types';
import { hrefOf } from '../routing/routes';
import { currentVersionsOf } from './version-to-show';

const label = (stage: string) => stage.replace(/_/g, ' ');

/**
 * The current artifacts built on an input version since superseded (the gateway's staleInputs),
 * e.g. after a PRD is redone, every later stage that read the old one, until they run again. A
 * restart clears the acceptance of the stages it redoes, so for those the newest version counts.
 */
export function StaleArtifacts({ id, list }: { id: string; list: ArtifactList }) {
  const stale = currentVersionsOf(list.allVersions).filter((item) => item.staleInputs.length > 0);
  if (stale.length === 0) return null;
  return (
    <section class="notice stale" aria-labelledby="stale-title">
      <h2 id="stale-title">Stale artifacts</h2>
      <p>Built on a version of their inputs that has since been replaced:</p>
      <ul>
        {stale.map((item) => (
          <li key={item.stage} data-stale={item.stage}>
            <a href={hrefOf({ page: 'artifact', id, stage: item.stage, version: item.version })}>
              {label(item.stage)} v{item.version}
            </a>{' '}
            — built on an older {item.staleInputs.map(label).join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
