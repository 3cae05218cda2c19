import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem, dataOf, gatewayClient } from './api/gateway-client';
import { type Action, can } from './auth/roles';
import { sessionOf, sessionStore, type Session } from './auth/session-store';
import { hrefOf, parseRoute, type Route } from './routing/routes';
import { ArtifactView } from './views/artifact.view';
import { CreateProjectView } from './views/create-project.view';
import { GateReviewView } from './views/gate-review.view';
import { InboxView } from './views/inbox.view';
import { MemoryView } from './views/memory.view';
import { ProjectView } from './views/project.view';
import { ProjectsListView } from './views/projects-list.view';
import { SignInView } from './views/sign-in.view';
import { SkillsView } from './views/skills.view';

const store = sessionStore(sessionStorage);

/** The header's links: pages without parameters, each shown to the roles that can use it. */
const NAV: readonly {
  readonly page: 'inbox' | 'projects' | 'new-project' | 'memory' | 'skills';
  readonly label: string;
  readonly needs?: Action;
}[] = [
  { page: 'inbox', label: 'Inbox' },
  { page: 'projects', label: 'Projects' },
  { page: 'new-project', label: 'New project', needs: 'submit' },
  { page: 'memory', label: 'Memory' },
  { page: 'skills', label: 'Skills' },
];

/** The console: sign-in, then the page the location hash names, under a header with the role. */
export function App() {
  const [session, setSession] = useState<Session | undefined>(() => store.load());
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));

  useEffect(() => {
    const onHash = () => {
      setRoute(parseRoute(location.hash));
      document.getElementById('main')?.focus(); // a new page: screen readers and keyboard start there
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const apiKey = session?.apiKey;
  const client = useMemo(
    () => (apiKey === undefined ? undefined : gatewayClient(apiKey, location.origin)),
    [apiKey], // one client per key: a refreshed role keeps it (and the effect below runs once)
  );

  const signOut = () => {
    store.clear();
    setSession(undefined);
  };

  // A session from earlier in this tab: ask the gateway again who the key is (its role may have
  // changed, or the key been revoked: then sign in again).
  useEffect(() => {
    if (client === undefined || apiKey === undefined) return;
    dataOf(client.GET('/v1/me')).then(
      (me) => {
        const next = sessionOf(apiKey, me);
        store.save(next);
        setSession(next);
      },
      (error: unknown) => {
        if (error instanceof ApiProblem && error.shown.status === 401) signOut();
      },
    );
  }, [client, apiKey]);

  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={hrefOf({ page: 'inbox' })}>
          Agent Bus
        </a>
        {session !== undefined && (
          <nav aria-label="Main">
            {NAV.filter(({ needs }) => needs === undefined || can(session.role, needs)).map(
              ({ page, label }) => (
                <a
                  key={page}
                  href={hrefOf({ page })}
                  aria-current={route.page === page ? 'page' : undefined}
                >
                  {label}
                </a>
              ),
            )}
          </nav>
        )}
        {session !== undefined && (
          <div class="who">
            <span class="role" data-role={session.role}>
              {session.name === '' ? '' : `${session.name} · `}Role: <strong>{session.role}</strong>
            </span>
            <button type="button" class="secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {session === undefined || client === undefined ? (
          <SignInView
            onSignedIn={(next) => {
              store.save(next);
              setSession(next);
            }}
          />
        ) : (
          <Page route={route} session={session} client={client} />
        )}
      </main>
    </>
  );
}

function Page({
  route,
  session,
  client,
}: {
  route: Route;
  session: Session;
  client: ReturnType<typeof gatewayClient>;
}) {
  switch (route.page) {
    case 'inbox':
      return <InboxView client={client} />;
    case 'projects':
      return (
        <ProjectsListView
          client={client}
          {...(route.state === undefined ? {} : { state: route.state })}
        />
      );
    case 'new-project':
      return can(session.role, 'submit') ? (
        <CreateProjectView client={client} workspaces={session.workspaces} />
      ) : (
        <p class="notice">Your role ({session.role}) cannot submit projects: a requester can.</p>
      );
    case 'memory':
      return <MemoryView client={client} />;
    case 'skills':
      return <SkillsView client={client} role={session.role} />;
    case 'project':
      return (
        <ProjectView client={client} apiKey={session.apiKey} role={session.role} id={route.id} />
      );
    case 'gate':
      return <GateReviewView client={client} role={session.role} id={route.id} gate={route.gate} />;
    case 'artifact':
      return (
        <ArtifactView
          client={client}
          id={route.id}
          stage={route.stage}
          {...(route.version === undefined ? {} : { version: route.version })}
        />
      );
  }
}
