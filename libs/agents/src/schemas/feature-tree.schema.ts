import { z } from 'zod';
import { list, name, strings, text } from './schema-fields';

const ReuseDecision = z.enum(['reuse_existing', 'extend_existing', 'new_module']);

// The tree is three levels deep (epic → feature → story) instead of recursive: a recursive zod
// schema becomes a `$ref` cycle in JSON Schema, which generic generators cannot fill, and the depth
// bound also bounds the answer's size.
const nodeFields = {
  id: name(100),
  name: name(),
  description: text(),
  module_id: name(100).describe('e.g. mod.auth; a module from module_catalog or new_modules'),
  reuse_decision: ReuseDecision,
  requirements_refs: strings(20).describe('requirement or PRD section ids this node covers'),
};
const StoryNode = z.strictObject({ ...nodeFields, children: list(z.never(), 0) });
const FeatureNode = z.strictObject({ ...nodeFields, children: list(StoryNode, 20) });
const EpicNode = z.strictObject({ ...nodeFields, children: list(FeatureNode, 20) });

/** The `feature_tree` artifact: features mapped onto reusable platform modules. */
export const FeatureTreeArtifact = z.strictObject({
  module_catalog: z.strictObject({
    modules: list(z.strictObject({ id: name(100), name: name(), description: text() }), 50),
  }),
  feature_tree: list(EpicNode, 30, 1),
  new_modules: list(
    z.strictObject({
      proposed_id: name(100),
      name: name(),
      justification: text(),
      requirements_refs: strings(20),
    }),
    20,
  ),
  modularization_report: z.strictObject({
    reuse_count: z.number().int().min(0).max(10_000),
    new_module_count: z.number().int().min(0).max(10_000),
    violations: strings(20),
  }),
  mermaid: text(10_000).describe('a mermaid graph of the tree, without code fences'),
});
export type FeatureTreeArtifact = z.infer<typeof FeatureTreeArtifact>;
