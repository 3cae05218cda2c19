import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector.config';
import { detectMlWorkload } from './detect-ml-workload';
import { type GpuPreference, type RoutingDecision } from './workload';

/**
 * The routing decision of DESIGN §4: ML projects run `ml_feasibility` on a GPU, others never do.
 * `force` runs it whatever the score (with the training profile when nothing was detected);
 * `forbid` never runs it and says so when the project looked like ML.
 */
export function routeMlWork(
  requirements: string,
  gpu: GpuPreference = 'auto',
  config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): RoutingDecision {
  const detection = detectMlWorkload(requirements, config);
  const score = detection.score.toFixed(2);
  if (gpu === 'forbid') {
    return {
      target: 'cpu',
      runMlFeasibility: false,
      reason: detection.isMl
        ? `ML work detected (score ${score}) but options.gpu is forbid: ml_feasibility is skipped`
        : `no ML work detected (score ${score}); options.gpu is forbid`,
      detection,
    };
  }
  if (gpu === 'force') {
    return {
      target: 'gpu',
      runMlFeasibility: true,
      reason: `options.gpu is force: ml_feasibility runs on a GPU (detector score ${score})`,
      detection: detection.resources
        ? detection
        : {
            ...detection,
            resources: { ...config.profiles.training, gpuType: config.defaultGpuType },
          },
    };
  }
  return detection.isMl
    ? {
        target: 'gpu',
        runMlFeasibility: true,
        reason: `ML work detected (score ${score} ≥ ${config.threshold}): ml_feasibility runs on a GPU`,
        detection,
      }
    : {
        target: 'cpu',
        runMlFeasibility: false,
        reason: `no ML work detected (score ${score} < ${config.threshold})`,
        detection,
      };
}
