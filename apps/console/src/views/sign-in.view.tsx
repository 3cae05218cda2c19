import { useState } from 'preact/hooks';
import { dataOf, gatewayClient, problemOf } from '../api/gateway-client';
import { type ShownProblem } from '../api/problem';
import { sessionOf, type Session } from '../auth/session-store';
import { ProblemNotice } from './problem-notice';

/**
 * Sign-in with an API key. Who the key is (name, role) is the gateway's answer to `GET /v1/me`; the
 * key is kept in sessionStorage by the caller and never put in a URL.
 */
export function SignInView({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [apiKey, setApiKey] = useState('');
  const [problem, setProblem] = useState<ShownProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const key = apiKey.trim();
    try {
      const me = await dataOf(gatewayClient(key, location.origin).GET('/v1/me'));
      onSignedIn(sessionOf(key, me));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p>
        Paste your Agent Bus API key. It stays in this browser tab only and ends when you close it.
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          required
          value={apiKey}
          onInput={(event) => setApiKey(event.currentTarget.value)}
        />
        <button type="submit" disabled={busy || apiKey.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ProblemNotice problem={problem} />
    </section>
  );
}
