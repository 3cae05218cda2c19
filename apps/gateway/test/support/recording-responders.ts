import { type QueryDefinition } from '@agentbus/contracts';
import {
  answer,
  type Bus,
  connectBus,
  type QueryHandler,
  type QueryResponder,
} from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';

/**
 * Stands in for a service behind the gateway: responders on the gateway's bus answer the real
 * contracts as each test scripts them, and every request they got is kept in `requests`, so a
 * suite can check what the gateway sent. Create it in the `describe`, connect it in `beforeAll`.
 */
export class RecordingResponders {
  /** The data of every request answered, oldest first. */
  readonly requests: unknown[] = [];
  private readonly responders = new Map<string, QueryResponder>();
  private bus: Bus | undefined;

  /** `name` names the connection, for the NATS monitoring pages. */
  async connect(namespace: string, name: string): Promise<void> {
    this.bus = await connectBus({ servers: await natsUrl(), name, namespace });
  }

  /**
   * Answers `query` with `handler` from now on, in place of an earlier handler (two responders in
   * one queue group would answer at random). An arrow, so a suite can take it out of the object.
   */
  readonly respond = async <Q extends QueryDefinition>(
    query: Q,
    handler: QueryHandler<Q>,
  ): Promise<void> => {
    if (!this.bus) throw new Error('RecordingResponders.respond before connect');
    await this.responders.get(query.subject)?.stop();
    this.responders.set(
      query.subject,
      await answer(this.bus, query, async (request, context) => {
        this.requests.push(request.data);
        return handler(request, context);
      }),
    );
  };

  async stop(): Promise<void> {
    for (const responder of this.responders.values()) await responder.stop();
    await this.bus?.close();
  }
}
