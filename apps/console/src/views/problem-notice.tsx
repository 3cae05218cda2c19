import { type ShownProblem } from '../api/problem';

/** A failed call as people read it: the problem's title, its detail, and what to do next. */
export function ProblemNotice({ problem }: { problem: ShownProblem | undefined }) {
  if (problem === undefined) return null;
  return (
    <div class="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail !== '' && <p>{problem.detail}</p>}
      <p class="next">{problem.next}</p>
    </div>
  );
}
