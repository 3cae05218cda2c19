/** How a number field steps: whole counts (tokens) or money (US cents). */
const KINDS = {
  count: { min: 1, step: 1, inputMode: 'numeric' },
  money: { min: 0.01, step: 0.01, inputMode: 'decimal' },
} as const;

/** A labelled, optional positive number, kept as typed (empty: no value). */
export function NumberField(props: {
  id: string;
  label: string;
  kind: keyof typeof KINDS;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        {...KINDS[props.kind]}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </>
  );
}
