import { jobNameOf } from './job-name.util';

describe(jobNameOf.name, () => {
  const taskId = '0b6f0c1e-5d2a-4c1b-9a77-3e1f2d4c5b6a';

  it('is the same for the same task attempt and differs per attempt', () => {
    expect(jobNameOf(taskId, 1)).toBe(jobNameOf(taskId, 1));
    expect(jobNameOf(taskId, 2)).not.toBe(jobNameOf(taskId, 1));
  });

  it('is a DNS-1123 label', () => {
    const name = jobNameOf(taskId, 99);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
