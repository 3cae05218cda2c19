export { type Embedder, EmbedderUnavailableError } from './embedders/embedder';
export { HashedNgramEmbedder } from './embedders/hashed-ngram.embedder';
export { WordVectorsEmbedder } from './embedders/word-vectors.embedder';
export { HybridEmbedder } from './embedders/hybrid.embedder';
export {
  OpenAiCompatibleEmbedder,
  type OpenAiCompatibleOptions,
} from './embedders/openai-compatible.embedder';
export { loadWinkWordVectors } from './embedders/wink-word-vectors';
export { packWordVectors, type WordVectors } from './embedders/word-vectors';
export {
  createEmbedder,
  EMBEDDER_KINDS,
  type EmbedderKind,
  type EmbedderSettings,
} from './embedders/create-embedder';
export { embedDocuments } from './embedders/embed-documents.util';
export { QueryVectorCache } from './embedders/query-vector-cache';
export { chunkText } from './text/chunk-text.util';
export { collectionNameOf, typeCollectionNameOf } from './index/collection-name.util';
export {
  ChromaPatternIndex,
  chromaClientFor,
  EmbedderMismatchError,
  type IndexedPattern,
  type IndexHit,
  type IndexQuery,
} from './index/chroma-pattern-index';
export { PatternCollection } from './index/pattern-collection';
export { mergeHits, type QueryRoute, routeOf } from './index/query-route.util';
export { PendingTypeWrites } from './index/pending-type-writes';
export { type TypeRepair, TypeCollectionRepair } from './index/type-collection-repair';
export { type CandidateQuery, pooledCandidates } from './index/pooled-candidates';
export {
  type GroupMember,
  type GroupLookup,
  type GroupMembers,
  type SiblingFilters,
  type SiblingReader,
} from './siblings/sibling-reader';
export { SiblingVectorCache } from './siblings/sibling-vector-cache';
export {
  GroupMembershipCache,
  type ListedMember,
  type ListingTicket,
} from './siblings/group-membership-cache';
export { CachedSiblings, type VectorSource } from './siblings/cached-siblings';
export {
  groupMembersSql,
  groupSiblingsSql,
  SqlGroupMembers,
  type SqlRows,
} from './siblings/sql-group-members';
export { SqlSiblings } from './siblings/sql-siblings';
export { SqlVectors } from './siblings/sql-vectors';
export { blendScore, type RankWeights } from './ranking/blend-score.util';
export { successScore } from './ranking/success-score.util';
export {
  DEFAULT_GROUP_POOLING,
  type Groupable,
  type GroupPooling,
  leadingGroups,
  poolByGroup,
} from './ranking/group-pooling.util';
export { retrievalMetrics, type QueryOutcome } from './evaluation/retrieval-metrics.util';
export { evaluateEmbedder, type EmbedderEvaluation } from './evaluation/evaluate-embedder';
export { LabeledSet, SHIPPED_LABELED_SET } from './evaluation/labeled-set';
export {
  type MirroredMember,
  type MirrorEvents,
  type MirrorState,
  PatternMirror,
} from './siblings/pattern-mirror';
export { MirroredSiblings } from './siblings/mirrored-siblings';
