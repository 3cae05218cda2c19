import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector.config';
import { isNegated } from './negation.util';
import { SIGNAL_RULES } from './signal-rules';
import {
  type Detection,
  type MatchedSignal,
  type ResourceProfile,
  type WorkloadType,
} from './workload';

const LARGE_MODEL =
  /\b(?:llms?|large language models?|\d{2,3}\s?b(?:illion)?(?: parameters)?|70b|13b|foundation models?)\b/i;

/** Evidence combined as independent clues (noisy-or): two weak clues beat one, none reaches 1. */
const combine = (weights: readonly number[]): number =>
  1 - weights.reduce((rest, weight) => rest * (1 - weight), 1);

const round = (value: number) => Math.round(value * 1_000) / 1_000;

/** Every rule's matches in the text, each marked negated or not. */
export function matchSignals(
  text: string,
  config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): MatchedSignal[] {
  const signals: MatchedSignal[] = [];
  for (const rule of SIGNAL_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      signals.push({
        rule: rule.id,
        workload: rule.workload,
        weight: rule.weight,
        text: match[0],
        negated: isNegated(text, match.index, config.negationWindow),
      });
    }
  }
  return signals;
}

/**
 * Scores requirements text for ML work (pure, no I/O): which workloads, how sure (0–1), the
 * phrases that counted (negated ones are kept but do not count, so a person sees both), and the
 * resources the strongest workload needs.
 */
export function detectMlWorkload(
  text: string,
  config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): Detection {
  const signals = matchSignals(text, config);
  // One clue per rule: repeating "YOLO" ten times is not ten times the evidence.
  const strongest = new Map<string, MatchedSignal>();
  for (const signal of signals) {
    if (signal.negated) continue;
    const seen = strongest.get(signal.rule);
    if (!seen || seen.weight < signal.weight) strongest.set(signal.rule, signal);
  }
  const counted = [...strongest.values()];
  const score = round(combine(counted.map((signal) => signal.weight)));
  const isMl = score >= config.threshold;
  const byType = new Map<WorkloadType, number[]>();
  for (const signal of counted) {
    byType.set(signal.workload, [...(byType.get(signal.workload) ?? []), signal.weight]);
  }
  const workloads = isMl
    ? [...byType]
        .map(([type, weights]) => ({ type, confidence: round(combine(weights)) }))
        .sort((a, b) => b.confidence - a.confidence)
    : [{ type: 'cpu_only' as const, confidence: round(1 - score) }];
  return {
    score,
    isMl,
    workloads,
    signals,
    resources: isMl ? resourcesFor(workloads, text, config) : undefined,
  };
}

function resourcesFor(
  workloads: Detection['workloads'],
  text: string,
  config: DetectorConfig,
): ResourceProfile {
  // The most demanding detected workload sizes the job (a detector trained and served needs the
  // training GPU, not the serving one).
  const profiles = workloads
    .map(({ type }) => (type === 'cpu_only' ? undefined : config.profiles[type]))
    .filter((profile) => profile !== undefined);
  const biggest = profiles.reduce(
    (max, profile) => (profile.gpuMemoryGi > max.gpuMemoryGi ? profile : max),
    config.profiles.inference,
  );
  const large = LARGE_MODEL.test(text);
  return {
    ...biggest,
    gpuMemoryGi: large ? Math.max(biggest.gpuMemoryGi, 80) : biggest.gpuMemoryGi,
    gpuType: large ? config.largeGpuType : config.defaultGpuType,
  };
}
