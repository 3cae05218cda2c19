import { z } from 'zod';
import { list, name, percent, strings, text } from './schema-fields';

// The original's code_structure was a free nested dir→files map; a list of paths with a purpose
// carries the same information and can be validated.
const Paths = list(z.strictObject({ path: name(300), purpose: text(500) }), 60);

const suiteFields = { coverage: text(200), tools: strings(10) };

/** The `development` artifact: a test-driven implementation plan (the stage plans, it does not code). */
export const DevelopmentArtifact = z.strictObject({
  tdd_strategy: z.strictObject({
    approach: text(),
    test_framework: text(200),
    coverage_target: percent(),
    test_types: strings(10),
  }),
  development_phases: list(
    z.strictObject({
      phase: z.number().int().min(1).max(50),
      name: name(),
      description: text(),
      tdd_steps: strings(20, 1),
    }),
    12,
    1,
  ),
  code_structure: z.strictObject({
    backend: z.strictObject({ language: text(100), framework: text(200), structure: Paths }),
    frontend: z.strictObject({ framework: text(200), structure: Paths }),
  }),
  testing_strategy: z.strictObject({
    unit_tests: z.strictObject({ ...suiteFields, mocking: text() }),
    integration_tests: z.strictObject({ ...suiteFields, setup: text() }),
    e2e_tests: z.strictObject({ ...suiteFields, setup: text() }),
  }),
  quality_gates: z.strictObject({ pre_commit: strings(12), ci_pipeline: strings(20) }),
  dependencies: z.strictObject({ backend: strings(40), frontend: strings(40) }),
  development_workflow: z.strictObject({
    steps: strings(20),
    branch_strategy: text(),
    code_review: text(),
  }),
});
export type DevelopmentArtifact = z.infer<typeof DevelopmentArtifact>;
