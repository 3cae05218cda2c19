import { type Artifact } from '../api/gateway-types';
import { JsonView } from './json-view';
import { renderMarkdown } from './render-markdown';

/** An artifact's body: markdown rendered (safely, see renderMarkdown), JSON as a structured view. */
export function ArtifactBody({ artifact }: { artifact: Artifact }) {
  const body: unknown = artifact.body;
  if (artifact.format === 'markdown' && typeof body === 'string') {
    // renderMarkdown escapes raw HTML and unsafe links: the only HTML inserted in the console.
    return <article class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />;
  }
  return (
    <article class="structured" aria-label={`${artifact.stage} (structured)`}>
      <JsonView value={typeof body === 'string' ? parseOrText(body) : body} />
    </article>
  );
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Saves an artifact as a file (fetched with the key in a header, so a plain link cannot do it). */
export function downloadArtifact(artifact: Artifact): void {
  const markdown = artifact.format === 'markdown' && typeof artifact.body === 'string';
  const text = markdown
    ? (artifact.body as unknown as string)
    : JSON.stringify(artifact.body, null, 2);
  const blob = new Blob([text], { type: markdown ? 'text/markdown' : 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${artifact.stage}-v${artifact.version}.${markdown ? 'md' : 'json'}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}
