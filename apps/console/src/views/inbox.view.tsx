import { useState } from 'preact/hooks';
import { dataOf, type GatewayClient } from '../api/gateway-client';
import { type InboxItem } from '../api/gateway-types';
import { hrefOf } from '../routing/routes';
import { ProblemNotice } from './problem-notice';
import { useLoad } from './use-load';

/** The reviewer's home: gates waiting for a decision across projects (`GET /v1/approvals`). */
export function InboxView({ client }: { client: GatewayClient }) {
  const [more, setMore] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const page = useLoad(
    () => dataOf(client.GET('/v1/approvals', { params: { query: { state: 'open', limit: 20 } } })),
    'inbox',
  );
  const next = cursor === undefined ? (page.data?.nextCursor ?? null) : cursor;
  const items = [...(page.data?.items ?? []), ...more];

  const loadMore = async () => {
    if (next === null) return;
    const data = await dataOf(
      client.GET('/v1/approvals', {
        params: { query: { state: 'open', limit: 20, cursor: next } },
      }),
    );
    setMore((earlier) => [...earlier, ...data.items]);
    setCursor(data.nextCursor);
  };

  return (
    <section aria-labelledby="inbox-title">
      <div class="title-row">
        <h1 id="inbox-title">Waiting for review</h1>
        <button type="button" class="secondary" onClick={page.reload}>
          Refresh
        </button>
      </div>
      <ProblemNotice problem={page.problem} />
      {page.loading && page.data === undefined && <p role="status">Loading the inbox…</p>}
      {page.data !== undefined && items.length === 0 && (
        <p class="empty">
          No gate is waiting for a decision. New ones appear here as projects reach them.
        </p>
      )}
      {items.length > 0 && (
        <ul class="inbox" aria-label="Open gates, oldest first">
          {items.map((item) => (
            <li key={item.approvalId} class="card">
              <div>
                <a href={hrefOf({ page: 'project', id: item.projectId })}>{item.projectName}</a>
                <p class="meta">
                  {item.gate.replace(/_/g, ' ')} · attempt {item.attempt} · opened{' '}
                  <time dateTime={item.openedAt}>{new Date(item.openedAt).toLocaleString()}</time>
                </p>
                {item.reason !== null && <p class="meta">{item.reason}</p>}
              </div>
              <a
                class="button"
                href={hrefOf({ page: 'gate', id: item.projectId, gate: item.gate })}
              >
                {item.canAct ? 'Review' : 'View'}
                <span class="visually-hidden"> {item.projectName}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {next !== null && page.data !== undefined && (
        <button type="button" class="secondary" onClick={() => void loadMore()}>
          Older gates
        </button>
      )}
    </section>
  );
}
