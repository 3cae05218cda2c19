import { useEffect, useMemo, useRef } from 'preact/hooks';
import { type Artifact } from '../api/gateway-types';
import { JsonView } from './json-view';
import { drawDiagrams } from './mermaid-diagrams';
import { renderMarkdown } from './render-markdown';

/**
 * An artifact's body: markdown rendered (safely, see renderMarkdown) with its mermaid diagrams
 * drawn, JSON as a structured view.
 */
export function ArtifactBody({ artifact }: { artifact: Artifact }) {
  const body: unknown = artifact.body;
  if (artifact.format === 'markdown' && typeof body === 'string') {
    return <MarkdownBody markdown={body} />;
  }
  return (
    <StructuredBody
      stage={artifact.stage}
      value={typeof body === 'string' ? parseOrText(body) : body}
    />
  );
}

function StructuredBody({ stage, value }: { stage: string; value: unknown }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (ref.current !== null) void drawDiagrams(ref.current);
  }, [value]);
  return (
    <article ref={ref} class="structured" aria-label={`${stage} (structured)`}>
      <JsonView value={value} />
    </article>
  );
}

function MarkdownBody({ markdown }: { markdown: string }) {
  const ref = useRef<HTMLElement>(null);
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  useEffect(() => {
    if (ref.current !== null) void drawDiagrams(ref.current);
  }, [html]);
  // renderMarkdown escapes raw HTML and unsafe links: the only HTML inserted in the console.
  return <article ref={ref} class="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
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
