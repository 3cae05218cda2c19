import { z } from 'zod';
import { defineQuery } from '../define-query';
import { PatternType } from '../memory/pattern-stored.v1';
import { Actor } from '../shared-schemas';

const MetadataValue = z.union([z.string().max(2_000), z.number(), z.boolean()]);

/** A stored pattern's id: shipped templates, project artifacts and manual patterns all use these. */
export const PatternId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/);

/**
 * The id of a pattern an admin writes: always `manual-…`, so a manual pattern can never take the
 * place of a template or of a project's artifact (the learning loop and the template loader own those).
 */
export const ManualPatternId = z.string().regex(/^manual-[a-z0-9][a-z0-9._-]{0,150}$/);

/** Where a pattern came from; retention keeps each for its own time. */
export const PatternSource = z.enum(['template', 'project', 'manual']);

/** One stored pattern with its track record. */
export const PatternView = z.strictObject({
  id: PatternId,
  type: PatternType,
  source: PatternSource,
  text: z.string(),
  metadata: z.record(z.string(), MetadataValue),
  projectId: z.uuid().optional(),
  /** Times a search returned it. */
  retrievedCount: z.number().int().nonnegative(),
  /** Projects that reused it and completed / failed. */
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** 0..1, 0.5 before any outcome. */
  successScore: z.number().min(0).max(1),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type PatternView = z.infer<typeof PatternView>;

/** One pattern; error code `not-found` when it is not stored. */
export const MemoryPatternGetV1 = defineQuery({
  version: 1,
  entity: 'pattern',
  verb: 'get',
  description: 'one stored memory pattern with its usage and success score',
  request: z.strictObject({ id: PatternId }),
  response: PatternView,
});

/**
 * Stores a manual pattern, or replaces the text/metadata of one (same id); its vector is rebuilt.
 * Without an id a new `manual-<uuid>` is made. Metadata keys are what searches filter on (`source`
 * is memory's own and refused).
 */
export const MemoryPatternStoreV1 = defineQuery({
  version: 1,
  entity: 'pattern',
  verb: 'store',
  description: 'store or update a manual memory pattern',
  request: z.strictObject({
    id: ManualPatternId.optional(),
    type: PatternType,
    text: z.string().min(1).max(20_000),
    metadata: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/), MetadataValue)
      .refine((metadata) => Object.keys(metadata).length <= 20, 'at most 20 metadata keys')
      .refine((metadata) => !('source' in metadata), '`source` is set by memory itself')
      .default({}),
    storedBy: Actor,
  }),
  response: z.strictObject({
    /** `unchanged`: the same type, text and metadata were stored already. */
    status: z.enum(['created', 'updated', 'unchanged']),
    pattern: PatternView,
  }),
});

/**
 * Deletes a pattern: archived (as retention does) with who deleted it, then removed from Postgres
 * and Chroma. Error codes: `not-found`; `shipped-template` (the template loader would bring it back
 * at the next start).
 */
export const MemoryPatternDeleteV1 = defineQuery({
  version: 1,
  entity: 'pattern',
  verb: 'delete',
  description: 'archive and delete a memory pattern',
  request: z.strictObject({ id: PatternId, deletedBy: Actor }),
  response: z.strictObject({ id: PatternId, archived: z.literal(true) }),
});

/** The project templates memory holds (the shipped five and any kept since), by id. */
export const MemoryTemplatesListV1 = defineQuery({
  version: 1,
  entity: 'template',
  verb: 'list',
  description: 'list the project templates memory holds',
  request: z.strictObject({}),
  response: z.strictObject({
    templates: z
      .array(
        PatternView.extend({
          /** The template's display name (its `name` metadata; the id when it has none). */
          name: z.string(),
        }),
      )
      .max(1_000),
  }),
});

const Counts = z.record(z.string(), z.number().int().nonnegative());

/** Usage and track record of the patterns of one type. */
export const PatternTypeStats = z.strictObject({
  type: PatternType,
  patterns: z.number().int().nonnegative(),
  /** Patterns a search has returned at least once. */
  used: z.number().int().nonnegative(),
  /** Sum of the times searches returned them. */
  retrieved: z.number().int().nonnegative(),
  /** Outcomes of projects that reused them. */
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Mean success score of its patterns (0.5 for none). */
  meanSuccessScore: z.number().min(0).max(1),
});

/** What memory holds, how it is used, and what retention kept and removed. */
export const MemoryStatsV1 = defineQuery({
  version: 1,
  entity: 'memory',
  verb: 'stats',
  description: 'pattern counts, usage, success and retention totals',
  request: z.strictObject({}),
  response: z.strictObject({
    patterns: z.number().int().nonnegative(),
    bySource: Counts,
    byType: z.array(PatternTypeStats),
    /** Patterns whose vector is not in the current collection yet (the reindexer catches up). */
    unindexed: z.number().int().nonnegative(),
    retention: z.strictObject({
      runs: z.number().int().nonnegative(),
      /** Patterns retention removed (archived first), by type, over every run. */
      removed: Counts,
      /** Rows in the archive: retention's and admins' deletions. */
      archived: z.number().int().nonnegative(),
      lastRun: z
        .strictObject({
          ranAt: z.iso.datetime(),
          /** Removed in that run, by type. */
          removed: Counts,
          /** Left after that run, by type. */
          kept: Counts,
        })
        .nullable(),
    }),
  }),
});
