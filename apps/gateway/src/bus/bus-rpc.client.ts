import { type DataOf, type QueryDefinition } from '@agentbus/contracts';
import { type QueryResponseOf } from '@agentbus/messaging';
import { BusQueries } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { askOrProblem, type RpcProblems } from './ask-or-problem.util';

/**
 * The gateway's client of one service behind the bus: a subclass names the service's
 * {@link RpcProblems}, and `ask` answers its typed reply or throws the problem they name.
 */
@Injectable()
export abstract class BusRpcClient {
  protected abstract readonly problems: RpcProblems;

  constructor(private readonly queries: BusQueries) {}

  ask<Q extends QueryDefinition>(
    query: Q,
    data: DataOf<Q['request']>,
  ): Promise<QueryResponseOf<Q>> {
    return askOrProblem(this.queries, query, data, this.problems);
  }
}
