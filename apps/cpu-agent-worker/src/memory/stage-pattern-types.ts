import { type PatternType, type StageId } from '@agentbus/contracts';

/**
 * The pattern types a stage's agent is shown: its own (memory keeps the artifacts of these stages
 * by their stage's name), or for a stage memory does not keep, the type closest to its work.
 * Templates are never searched by similarity: a project names its template.
 */
export const STAGE_PATTERN_TYPES: Readonly<Record<StageId, readonly PatternType[]>> = {
  prd: ['prd'],
  feature_tree: ['feature_tree'],
  plan: ['feature_tree', 'architecture'],
  architecture: ['architecture'],
  uiux: ['uiux'],
  ml_feasibility: ['architecture'],
  development: ['development'],
  qa: ['qa'],
  security: ['security'],
  documentation: ['documentation'],
  support: ['documentation'],
  pm_review: ['prd'],
  delivery: ['documentation'],
};
