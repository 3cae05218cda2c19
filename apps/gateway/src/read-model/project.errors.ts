import { ConflictError, NotFoundError } from '../http/problem/problem.errors';

/** 404: neither the orchestrator nor the gateway knows the project. */
export const unknownProject = (id: string): NotFoundError =>
  new NotFoundError('project-not-found', `No project has the id ${id}.`);

/** 409: the project is still only a submission; a command now could overtake its creation. */
export const projectNotStarted = (): ConflictError =>
  new ConflictError(
    'project-not-started',
    'The project is still queued and not yet created by the orchestrator; retry in a moment.',
    {},
    { 'Retry-After': '1' },
  );
