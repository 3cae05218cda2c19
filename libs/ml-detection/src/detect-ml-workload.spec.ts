import { DEFAULT_DETECTOR_CONFIG } from './detector.config';
import { detectMlWorkload } from './detect-ml-workload';

describe(detectMlWorkload.name, () => {
  it.each([
    ['train a YOLO detector on drone images', true],
    ['fine-tune an LLM on support tickets', true],
    ['semantic segmentation of satellite imagery', true],
    ['no machine learning, just an inventory tracker', false],
    ['an app to train staff on safety procedures', false],
    ['model the database for the clinic', false],
    ['explain our business model and pricing', false],
    ['we will not fine-tune any model; keyword rules only', false],
    ['without a GPU or neural networks, compute shipping costs', false],
    ['rather than training a model, use rules', false],
    ['a train timetable app with delays', false],
  ])('%s → ML %s', (text, expected) => {
    expect(detectMlWorkload(text).isMl).toBe(expected);
  });

  it('explains itself: workload types, matched phrases and a resource profile', () => {
    const detection = detectMlWorkload('Train a YOLO detector on drone images.');
    expect(detection.score).toBeGreaterThan(0.9);
    expect(detection.workloads[0]).toEqual({ type: 'cv_detection', confidence: 0.9 });
    expect(detection.workloads.map((w) => w.type)).toContain('training');
    expect(detection.signals.map((s) => s.text)).toEqual(
      expect.arrayContaining(['YOLO', 'Train a YOLO detector']),
    );
    expect(detection.resources).toEqual({
      gpus: 1,
      gpuType: 'nvidia-l4',
      gpuMemoryGi: 16,
      cpu: 8,
      memoryGi: 32,
    });
  });

  it('keeps negated phrases as signals that did not count', () => {
    const detection = detectMlWorkload('No machine learning here; a CRUD app.');
    expect(detection.signals).toEqual([
      expect.objectContaining({ rule: 'machine-learning', negated: true }),
    ]);
    expect(detection.workloads).toEqual([{ type: 'cpu_only', confidence: 1 }]);
    expect(detection.resources).toBeUndefined();
  });

  it('ends a negation at the clause: "no mobile app, but object detection" is ML', () => {
    expect(detectMlWorkload('No mobile app. But object detection on CCTV.').isMl).toBe(true);
  });

  it('asks for the large GPU when the text names a large model', () => {
    const detection = detectMlWorkload('Fine-tune a 70B large language model on legal text');
    expect(detection.resources).toMatchObject({ gpuType: 'nvidia-a100-80gb', gpuMemoryGi: 80 });
  });

  it('reads its threshold from the config', () => {
    const text = 'an AI-powered FAQ page';
    expect(detectMlWorkload(text).isMl).toBe(false);
    expect(detectMlWorkload(text, { ...DEFAULT_DETECTOR_CONFIG, threshold: 0.3 }).isMl).toBe(true);
  });
});
