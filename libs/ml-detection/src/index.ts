export {
  type Detection,
  type GpuPreference,
  type MatchedSignal,
  type ResourceProfile,
  type RoutingDecision,
  type WorkloadType,
  WORKLOAD_TYPES,
} from './workload';
export { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector.config';
export { detectMlWorkload, matchSignals } from './detect-ml-workload';
export { routeMlWork } from './route-ml-work';
export { evaluateRouting, type RoutingReport } from './evaluate-routing';
export { LABELED_REQUIREMENTS, type LabeledRequirement } from './labeled-requirements';
