import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '@agentbus/llm';
import { type LlmCallKey, type LlmCallStore, type RecordedCall } from './llm-call.store';

/** Prices a response; the worker's pricing table. */
export type CostOf = (response: LlmResponse) => number;

/**
 * A provider for one task attempt whose calls are numbered (step 1, 2, …) and recorded: the same
 * step of a redelivered attempt returns the recorded response without calling the model.
 */
export class RecordedProvider implements LlmProvider {
  private step = 0;
  /** Calls this attempt paid for now (replayed ones are not counted again). */
  readonly paid: { response: LlmResponse; costUsd: number }[] = [];
  readonly replayed: LlmResponse[] = [];
  private recorded: ReadonlyMap<number, RecordedCall> | undefined;

  constructor(
    private readonly inner: LlmProvider,
    private readonly store: LlmCallStore,
    private readonly task: Omit<LlmCallKey, 'step'>,
    private readonly agent: string,
    private readonly costOf: CostOf,
  ) {}

  /** Every call this attempt recorded so far, read with the task's inputs (no read per step). */
  prime(recorded: ReadonlyMap<number, RecordedCall>): void {
    this.recorded = recorded;
  }

  get name(): string {
    return this.inner.name;
  }

  get model(): string {
    return this.inner.model;
  }

  async complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
    this.step += 1;
    const key = { ...this.task, step: this.step };
    const recorded = this.recorded ? this.recorded.get(key.step) : await this.store.find(key);
    if (recorded) {
      this.replayed.push(recorded.response);
      return recorded.response;
    }
    const started = performance.now();
    const response = await this.inner.complete(request, options);
    const call = { response, costUsd: this.costOf(response) };
    await this.store.record(key, this.agent, call, Math.round(performance.now() - started), {
      system: request.system,
      messages: request.messages.map(({ role, content }) => ({ role, content })),
    });
    this.paid.push(call);
    return response;
  }
}
