import { z } from 'zod';
import { list, name, Priority, Severity, strings, text } from './schema-fields';

const Likelihood = z.enum(['high', 'medium', 'low']);
const count = () => z.number().int().min(0).max(1_000);

/** The `security` artifact: an audit of the planned system, findings first. */
export const SecurityArtifact = z.strictObject({
  security_audit: z.strictObject({
    audit_date: text(40).describe('ISO date if known, else "unspecified"; never invent one'),
    audit_scope: text(),
    security_level: z.enum(['low', 'moderate', 'high', 'critical']).describe('data sensitivity'),
    overall_rating: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
    summary: text(4_000),
  }),
  vulnerabilities: list(
    z.strictObject({
      vulnerability_id: name(40).describe('e.g. SEC-1'),
      severity: Severity,
      category: name(200).describe('e.g. an OWASP Top 10 category'),
      title: name(),
      description: text(),
      affected_components: strings(12),
      cwe_id: text(40).describe('e.g. CWE-79, or empty'),
      cvss_score: z.number().min(0).max(10),
      exploit_likelihood: Likelihood,
      impact: text(),
      recommendation: text(),
      mitigation_priority: z.enum(['immediate', 'high', 'medium', 'low']),
      estimated_effort: text(100).describe('e.g. 2 days'),
    }),
    30,
  ),
  security_recommendations: list(
    z.strictObject({ title: name(), description: text(), priority: Priority }),
    20,
  ),
  compliance_assessment: z.strictObject({
    standards_evaluated: strings(10),
    owasp_top_10_coverage: list(
      z.strictObject({
        category: name(),
        status: z.enum(['addressed', 'partial', 'missing', 'not_applicable']),
        notes: text(),
      }),
      10,
    ),
    recommendations: strings(20),
  }),
  security_best_practices: z.strictObject({ implemented: strings(30), missing: strings(30) }),
  penetration_testing: z.strictObject({
    scope: strings(12),
    methodology: text(),
    tools: strings(12),
  }),
  security_metrics: z.strictObject({
    vulnerabilities_by_severity: z.strictObject({
      critical: count(),
      high: count(),
      medium: count(),
      low: count(),
      info: count(),
    }),
    estimated_remediation_effort: text(200),
    security_debt_score: z.number().min(0).max(100).describe('0 = no debt'),
  }),
  next_steps: strings(20),
});
export type SecurityArtifact = z.infer<typeof SecurityArtifact>;
