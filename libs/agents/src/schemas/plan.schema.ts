import { z } from 'zod';
import { list, name, strings, text } from './schema-fields';

/** The `plan` artifact: milestones and the tasks they group. */
export const PlanArtifact = z.strictObject({
  milestones: list(
    z.strictObject({
      id: name(100).describe('e.g. M1'),
      name: name(),
      description: text(),
      tasks: strings(40).describe('ids of the tasks in this milestone'),
    }),
    20,
    1,
  ),
  tasks: list(
    z.strictObject({
      id: name(100).describe('e.g. T1'),
      title: name(),
      description: text(),
      owner: text(200).describe('a role, e.g. backend engineer'),
      dependencies: strings(20).describe('ids of tasks that must finish first'),
    }),
    80,
    1,
  ),
  assumptions: strings(20),
  risks: strings(20),
});
export type PlanArtifact = z.infer<typeof PlanArtifact>;
