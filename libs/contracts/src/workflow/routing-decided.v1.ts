import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { TaskTarget } from './stages';

/** The ML detector scored a project's requirements and chose where ML work runs. */
export const RoutingDecidedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'routing',
  event: 'decided',
  kind: 'event',
  description: 'ML detection scored the requirements and routed ML work to cpu or gpu',
  data: z.strictObject({
    projectId: z.uuid(),
    score: z.number().min(0).max(1),
    signals: z.array(z.string().max(200)).max(100),
    target: TaskTarget,
    estimate: z
      .strictObject({ gpus: z.number().int().nonnegative(), memoryGi: z.number().nonnegative() })
      .optional(),
  }),
});
export type RoutingDecidedV1 = MessageOf<typeof RoutingDecidedV1>;
