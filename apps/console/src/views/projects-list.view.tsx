import { useEffect, useState } from 'preact/hooks';
import { dataOf, problemOf, type GatewayClient } from '../api/gateway-client';
import { PROJECT_STATES, type ProjectState, type ProjectSummary } from '../api/gateway-types';
import { type ShownProblem } from '../api/problem';
import { hrefOf } from '../routing/routes';
import { ProblemNotice } from './problem-notice';
import { StateBadge } from './state-badge';

const REFRESH_MS = 5000;
/** Typing pauses this long before the name search goes to the gateway. */
const SEARCH_DEBOUNCE_MS = 300;

const isState = (value: string | undefined): value is ProjectState =>
  (PROJECT_STATES as readonly (string | undefined)[]).includes(value);

/**
 * Projects, newest first, with a state filter and a name search (both in the gateway's query, so
 * the search covers every page) and keyset paging ("More projects" follows nextCursor). The first
 * page refreshes every few seconds, so states change on screen as projects move.
 */
export function ProjectsListView({ client, state }: { client: GatewayClient; state?: string }) {
  const filter = isState(state) ? state : undefined;
  const [pages, setPages] = useState<ProjectSummary[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState(''); // the query, once typing pauses
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const fetchPage = (after: string | null) =>
    dataOf(
      client.GET('/v1/projects', {
        params: {
          query: {
            limit: 20,
            ...(filter === undefined ? {} : { state: filter }),
            ...(search === '' ? {} : { q: search }),
            ...(after === null ? {} : { cursor: after }),
          },
        },
      }),
    );

  useEffect(() => {
    let stopped = false;
    const refreshFirst = async () => {
      try {
        const first = await fetchPage(null);
        if (stopped) return;
        setPages((old) => [first.items, ...old.slice(1)]);
        setCursor((old) => (old === null || !loaded ? first.nextCursor : old));
        setProblem(undefined);
        setLoaded(true);
      } catch (error) {
        if (!stopped) setProblem(problemOf(error));
      }
    };
    setPages([]);
    setLoaded(false);
    void refreshFirst();
    const timer = setInterval(() => void refreshFirst(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // Deliberately not every dependency: refetch only when the filter or the search changes
  }, [filter, search]);

  const loadMore = async () => {
    if (cursor === null) return;
    try {
      const next = await fetchPage(cursor);
      setPages((old) => [...old, next.items]);
      setCursor(next.nextCursor);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const seen = new Set<string>();
  const projects = pages.flat().filter((project) => !seen.has(project.id) && seen.add(project.id));

  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Projects</h1>
      <div class="filters" role="search">
        <label>
          State
          <select
            value={filter ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              location.hash = hrefOf(
                value === '' ? { page: 'projects' } : { page: 'projects', state: value },
              );
            }}
          >
            <option value="">all</option>
            {PROJECT_STATES.map((option) => (
              <option key={option} value={option}>
                {option.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name contains
          <input
            type="search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
      </div>
      <ProblemNotice problem={problem} />
      {!loaded && problem === undefined && <p role="status">Loading projects…</p>}
      {loaded && projects.length === 0 && <p class="empty">No project matches.</p>}
      {projects.length > 0 && (
        <table class="projects">
          <caption class="visually-hidden">Projects, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Workspace</th>
              <th scope="col">Submitted by</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => (
              <tr key={project.id}>
                <td>
                  <a href={hrefOf({ page: 'project', id: project.id })}>{project.name}</a>
                </td>
                <td>
                  <StateBadge state={project.state} />
                </td>
                <td data-workspace={project.workspace}>{project.workspace}</td>
                <td>{project.submittedBy}</td>
                <td>
                  <time dateTime={project.createdAt}>
                    {new Date(project.createdAt).toLocaleString()}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor !== null && loaded && (
        <button type="button" class="secondary" onClick={() => void loadMore()}>
          More projects
        </button>
      )}
    </section>
  );
}
