import { routeMlWork } from './route-ml-work';

describe(routeMlWork.name, () => {
  const yolo = 'Train a YOLO detector on drone images';
  const crud = 'A bike rental web app with card payments';

  it.each([
    [yolo, 'auto', 'gpu', true],
    [crud, 'auto', 'cpu', false],
    [yolo, 'forbid', 'cpu', false],
    [crud, 'forbid', 'cpu', false],
    [yolo, 'force', 'gpu', true],
    [crud, 'force', 'gpu', true],
  ] as const)('%s with gpu=%s → %s, ml_feasibility %s', (text, gpu, target, runs) => {
    const decision = routeMlWork(text, gpu);
    expect(decision).toMatchObject({ target, runMlFeasibility: runs });
  });

  it('says why an ML project skips ml_feasibility when the GPU is forbidden', () => {
    expect(routeMlWork(yolo, 'forbid').reason).toMatch(
      /ML work detected .* forbid: ml_feasibility is skipped/,
    );
  });

  it('gives a forced non-ML project the training profile', () => {
    expect(routeMlWork(crud, 'force').detection.resources).toMatchObject({
      gpus: 1,
      gpuType: 'nvidia-l4',
    });
  });
});
