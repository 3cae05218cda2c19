import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector.config';
import { detectMlWorkload } from './detect-ml-workload';
import { type LabeledRequirement } from './labeled-requirements';

/** Precision, recall and F1 of "route to the GPU" over a labeled set, with the misses. */
export interface RoutingReport {
  readonly total: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly confusions: readonly {
    readonly text: string;
    readonly expected: boolean;
    readonly score: number;
    readonly signals: readonly string[];
  }[];
}

/** Runs the detector over every labeled text and counts its routing decisions. */
export function evaluateRouting(
  set: readonly LabeledRequirement[],
  config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): RoutingReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const confusions: RoutingReport['confusions'][number][] = [];
  for (const { text, ml } of set) {
    const detection = detectMlWorkload(text, config);
    if (detection.isMl && ml) tp += 1;
    else if (detection.isMl) fp += 1;
    else if (ml) fn += 1;
    else tn += 1;
    if (detection.isMl !== ml) {
      confusions.push({
        text,
        expected: ml,
        score: detection.score,
        signals: detection.signals.map((s) => `${s.negated ? 'not ' : ''}${s.rule}:"${s.text}"`),
      });
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    total: set.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision,
    recall,
    f1,
    confusions,
  };
}
