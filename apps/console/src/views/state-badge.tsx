/** A project, stage or gate state as a coloured word (the colour is never the only signal). */
export function StateBadge({ state }: { state: string }) {
  return (
    <span class={`badge badge-${state.replace(/[^a-z_]/g, '')}`}>{state.replace(/_/g, ' ')}</span>
  );
}
