import { useMemo } from 'preact/hooks';
import { artifactDiff, diffStats } from './artifact-diff';

/** The line diff between two versions of an artifact: removed lines struck, added ones marked. */
export function DiffView(props: { older: unknown; newer: unknown; title: string }) {
  const parts = useMemo(() => artifactDiff(props.older, props.newer), [props.older, props.newer]);
  const { added, removed } = diffStats(parts);
  return (
    <figure class="diff" aria-label={props.title}>
      <figcaption>
        {props.title}: <span class="added-count">+{added}</span>{' '}
        <span class="removed-count">−{removed}</span> lines
      </figcaption>
      {added + removed === 0 ? (
        <p class="empty">No change.</p>
      ) : (
        <pre>
          {parts.flatMap((part, i) =>
            part.lines.map((line, j) =>
              part.kind === 'same' ? (
                <span key={`${i}.${j}`} class="same">{`  ${line}\n`}</span>
              ) : part.kind === 'added' ? (
                <ins key={`${i}.${j}`}>{`+ ${line}\n`}</ins>
              ) : (
                <del key={`${i}.${j}`}>{`- ${line}\n`}</del>
              ),
            ),
          )}
        </pre>
      )}
    </figure>
  );
}
