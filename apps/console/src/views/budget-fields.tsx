import { type components } from '../api/gateway-api';

type Budget = components['schemas']['BudgetDto'];

/** The budget fields as typed: empty means "leave this limit as it is". */
export interface BudgetInput {
  readonly maxTokens: string;
  readonly maxCostUsd: string;
}

/** The budget to send, or undefined when both fields are empty (or not positive numbers). */
export function budgetOf(input: BudgetInput): Budget | undefined {
  const tokens = Number(input.maxTokens);
  const cost = Number(input.maxCostUsd);
  const budget: Budget = {
    ...(input.maxTokens.trim() !== '' && Number.isInteger(tokens) && tokens > 0
      ? { maxTokens: tokens }
      : {}),
    ...(input.maxCostUsd.trim() !== '' && cost > 0 ? { maxCostUsd: cost } : {}),
  };
  return Object.keys(budget).length === 0 ? undefined : budget;
}

/** A token and a cost limit, labelled, for a gate that raises the budget. */
export function BudgetFields(props: {
  legend: string;
  value: BudgetInput;
  onChange: (value: BudgetInput) => void;
}) {
  const { value, onChange } = props;
  return (
    <fieldset class="budget">
      <legend>{props.legend}</legend>
      <label for="raise-tokens">Max tokens</label>
      <input
        id="raise-tokens"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={value.maxTokens}
        onInput={(event) => onChange({ ...value, maxTokens: event.currentTarget.value })}
      />
      <label for="raise-cost">Max cost (USD)</label>
      <input
        id="raise-cost"
        type="number"
        min={0.01}
        step={0.01}
        inputMode="decimal"
        value={value.maxCostUsd}
        onInput={(event) => onChange({ ...value, maxCostUsd: event.currentTarget.value })}
      />
    </fieldset>
  );
}
