/**
 * A JSON artifact as nested, labelled sections and lists (not a wall of braces); a `mermaid` text
 * field (the feature tree's graph) is marked for drawing.
 */
export function JsonView({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined) return <span class="json-null">—</span>;
  if (typeof value !== 'object') return <span class={`json-${typeof value}`}>{String(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span class="json-null">(none)</span>;
    return (
      <ol class="json-list">
        {value.map((item, index) => (
          <li key={index}>
            <JsonView value={item} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <dl class={`json-object depth-${Math.min(depth, 3)}`}>
      {entries.map(([key, item]) => (
        <div key={key}>
          <dt>{labelOf(key)}</dt>
          <dd>
            {key === 'mermaid' && typeof item === 'string' ? (
              // Drawn by drawDiagrams (as in markdown); the source shows until then.
              <figure class="mermaid-diagram" data-source={item}>
                <pre>
                  <code>{item}</code>
                </pre>
              </figure>
            ) : (
              <JsonView value={item} depth={depth + 1} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `userStories` / `user_stories` → "User stories". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
