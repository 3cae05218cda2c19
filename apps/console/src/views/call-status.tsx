import { type ShownProblem } from '../api/problem';
import { ProblemNotice } from './problem-notice';
import { type Loaded } from './use-load';

/** What a page says while it loads (`Loading <what>…`), or the problem that stopped it. */
export function LoadStatus({ loaded, what }: { loaded: Loaded<unknown>; what: string }) {
  return (
    <>
      <ProblemNotice problem={loaded.problem} />
      {loaded.data === undefined && loaded.problem === undefined && (
        <p role="status">Loading {what}…</p>
      )}
    </>
  );
}

/** What came of a person's action: what it did (a status line), or the problem that stopped it. */
export function ActionOutcome({
  done,
  problem,
}: {
  done: string;
  problem: ShownProblem | undefined;
}) {
  return (
    <>
      {done !== '' && (
        <p class="notice" role="status">
          {done}
        </p>
      )}
      <ProblemNotice problem={problem} />
    </>
  );
}
