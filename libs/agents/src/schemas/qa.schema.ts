import { z } from 'zod';
import { list, name, percent, Priority, Severity, strings, text } from './schema-fields';

/** The `qa` artifact: strategy, test plans and the test cases that implement them. */
export const QaArtifact = z.strictObject({
  qa_strategy: z.strictObject({
    approach: text(),
    test_levels: strings(10),
    coverage_target: percent(),
    automation_ratio: percent(),
  }),
  test_plans: list(
    z.strictObject({
      plan_id: name(40).describe('e.g. TP-1'),
      name: name(),
      objective: text(),
      scope: text(),
      test_types: strings(10),
      tools: strings(10),
      coverage_target: percent(),
      priority: Priority,
    }),
    12,
    1,
  ),
  test_cases: list(
    z.strictObject({
      case_id: name(40).describe('e.g. TC-1'),
      plan_id: name(40).describe('the test plan it belongs to'),
      title: name(),
      description: text(),
      preconditions: strings(10),
      steps: strings(20, 1),
      expected_result: text(),
      priority: Priority,
      test_type: name(100).describe('e.g. unit, integration, e2e, performance'),
    }),
    60,
    1,
  ),
  coverage_strategy: z.strictObject({
    code_coverage: text(),
    functional_coverage: text(),
    regression_coverage: text(),
  }),
  test_environment: z.strictObject({ environments: strings(10), test_data_strategy: text() }),
  quality_metrics: z.strictObject({
    defect_metrics: strings(10),
    test_metrics: strings(10),
    release_criteria: strings(10),
  }),
  automation_strategy: z.strictObject({
    framework: text(200),
    ci_integration: text(),
    scope: strings(12),
  }),
  risk_assessment: list(
    z.strictObject({
      risk: name(500),
      severity: Severity,
      probability: Priority,
      mitigation: text(),
    }),
    20,
  ),
});
export type QaArtifact = z.infer<typeof QaArtifact>;
