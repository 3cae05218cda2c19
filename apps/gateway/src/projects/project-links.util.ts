/** Where a project's resources are, relative to the API root. */
export interface ProjectLinks {
  readonly self: string;
  readonly events: string;
  readonly artifacts: string;
}

/** The links of a project, as every project view carries them. */
export const projectLinks = (projectId: string): ProjectLinks => {
  const self = `/v1/projects/${projectId}`;
  return { self, events: `${self}/events`, artifacts: `${self}/artifacts` };
};
