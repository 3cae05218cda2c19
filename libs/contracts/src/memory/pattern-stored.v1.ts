import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';

/** Pattern types memory keeps, one Chroma collection each (DESIGN §9). */
export const PatternType = z.enum([
  'prd',
  'feature_tree',
  'architecture',
  'uiux',
  'development',
  'qa',
  'security',
  'documentation',
  'template',
]);
export type PatternType = z.infer<typeof PatternType>;

/** Memory stored (or updated) a pattern. */
export const PatternStoredV1 = defineMessage({
  domain: 'memory',
  version: 1,
  entity: 'pattern',
  event: 'stored',
  kind: 'event',
  description: 'memory stored a pattern',
  data: z.strictObject({
    patternId: z.string().min(1).max(200),
    type: PatternType,
    projectId: z.uuid().optional(),
    embedder: z.string().min(1),
  }),
});
export type PatternStoredV1 = MessageOf<typeof PatternStoredV1>;
