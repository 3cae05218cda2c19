import { type PatternType } from '@agentbus/contracts';

/** Where a pattern came from; retention keeps each for its own time. */
export type PatternSource = 'template' | 'project' | 'manual';

/** The metadata key naming a learned pattern's source project: a search pools by it (its group). */
export const PROJECT_KEY = 'projectId';

/** A scalar metadata value (what Chroma can filter on). */
export type MetadataValue = string | number | boolean;

/** What is stored: the text is embedded, the metadata filtered on. */
export interface NewPattern {
  readonly id: string;
  readonly type: PatternType;
  readonly source: PatternSource;
  readonly text: string;
  readonly metadata: Readonly<Record<string, MetadataValue>>;
  readonly projectId?: string | undefined;
}

/** A stored pattern with its track record. */
export interface Pattern extends NewPattern {
  readonly retrievedCount: number;
  readonly successes: number;
  readonly failures: number;
  readonly successScore: number;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}
