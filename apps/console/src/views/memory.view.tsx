import { useState } from 'preact/hooks';
import { problemOf, type GatewayClient } from '../api/gateway-client';
import { type ShownProblem } from '../api/problem';
import { undocumentedJson } from '../api/undocumented-json';
import { type MemoryHit, memoryHitsOf, memoryTemplatesOf } from '../memory/memory-shapes';
import { ProblemNotice } from './problem-notice';
import { useLoad } from './use-load';

/** The pattern types memory keeps (the gateway's `type` filter). */
const TYPES = [
  'prd',
  'feature_tree',
  'architecture',
  'uiux',
  'development',
  'qa',
  'security',
  'documentation',
  'template',
] as const;

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)}%`);

/** Memory: search the patterns agents learn from, by text and type; the templates it offers. */
export function MemoryView({ client }: { client: GatewayClient }) {
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [hits, setHits] = useState<MemoryHit[] | undefined>(undefined);
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const templates = useLoad(
    async () => memoryTemplatesOf(await undocumentedJson(client.GET('/v1/memory/templates'))),
    'templates',
  );

  const search = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await undocumentedJson(
        client.GET('/v1/memory/search', {
          params: { query: { q: query.trim(), k: 10, ...(type === '' ? {} : { type: [type] }) } },
        }),
      );
      setHits(memoryHitsOf(answer));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="memory-title">
      <h1 id="memory-title">Memory</h1>
      <form class="filters" role="search" onSubmit={(event) => void search(event)}>
        <label for="memory-query">Find patterns like</label>
        <input
          id="memory-query"
          type="search"
          required
          maxLength={2000}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <label for="memory-type">Type</label>
        <select
          id="memory-type"
          value={type}
          onChange={(event) => setType(event.currentTarget.value)}
        >
          <option value="">all</option>
          {TYPES.map((option) => (
            <option key={option} value={option}>
              {option.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || query.trim() === ''}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      <ProblemNotice problem={problem} />
      {hits !== undefined && hits.length === 0 && <p class="empty">Nothing similar found.</p>}
      {hits !== undefined && hits.length > 0 && (
        <ol class="hits" aria-label="Search results">
          {hits.map((hit) => (
            <li key={hit.id} class="card">
              <p class="meta">
                <strong>{hit.type.replace(/_/g, ' ')}</strong> · similarity{' '}
                {percent(hit.similarity)} · success {percent(hit.successScore)}
                {hit.project !== '' ? ` · ${hit.project}` : ''} · <code>{hit.id}</code>
              </p>
              <p class="excerpt">{hit.text.slice(0, 600)}</p>
            </li>
          ))}
        </ol>
      )}
      <h2>Templates</h2>
      <ProblemNotice problem={templates.problem} />
      {templates.data?.length === 0 && <p class="empty">Memory offers no templates.</p>}
      {templates.data !== undefined && templates.data.length > 0 && (
        <ul class="templates">
          {templates.data.map((template) => (
            <li key={template.id}>
              <details>
                <summary>{template.name}</summary>
                <p class="excerpt">{template.text.slice(0, 1200)}</p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
