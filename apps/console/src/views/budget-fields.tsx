import { type components } from '../api/gateway-api';
import { NumberField } from './number-field';

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
      <NumberField
        id="raise-tokens"
        label="Max tokens"
        kind="count"
        value={value.maxTokens}
        onInput={(maxTokens) => onChange({ ...value, maxTokens })}
      />
      <NumberField
        id="raise-cost"
        label="Max cost (USD)"
        kind="money"
        value={value.maxCostUsd}
        onInput={(maxCostUsd) => onChange({ ...value, maxCostUsd })}
      />
    </fieldset>
  );
}
