import { type AppName } from '@agentbus/contracts';

/** What one service answered: rows deleted and when. */
export interface DeletionAnswer {
  readonly rows: number;
  readonly at: string;
}

/** A deletion as recorded, with the answers received so far. */
export interface DeletionRecord {
  readonly projectId: string;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly answers: Readonly<Record<string, DeletionAnswer>>;
}

/** One service's part of a deletion. */
export interface ServiceProgress {
  readonly service: AppName;
  readonly done: boolean;
  readonly rows: number | null;
  readonly at: string | null;
}

/** Where a deletion stands: `deleted` once every owner of project data has answered. */
export interface DeletionProgress {
  readonly state: 'deleting' | 'deleted';
  readonly completedAt: string | null;
  readonly services: readonly ServiceProgress[];
}

/** The progress of `record` given the services that must answer (the gateway's own included). */
export function deletionProgress(
  record: DeletionRecord,
  owners: readonly AppName[],
): DeletionProgress {
  const services = owners.map((service): ServiceProgress => {
    const answer = record.answers[service];
    return answer === undefined
      ? { service, done: false, rows: null, at: null }
      : { service, done: true, rows: answer.rows, at: answer.at };
  });
  const done = services.every((service) => service.done);
  const last =
    services
      .map((service) => service.at ?? '')
      .sort()
      .at(-1) ?? null;
  return { state: done ? 'deleted' : 'deleting', completedAt: done ? last : null, services };
}
