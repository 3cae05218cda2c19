import { type V1Job, type V1Pod } from '@kubernetes/client-node';
import { jobStateOf } from './job-state';

const job = (status: NonNullable<V1Job['status']>): V1Job => ({ metadata: { name: 'j' }, status });
const pod = (status: NonNullable<V1Pod['status']>): V1Pod => ({ metadata: { name: 'p' }, status });
const exited = (exitCode: number, reason: string) =>
  pod({
    phase: 'Failed',
    containerStatuses: [
      {
        name: 't',
        image: 'i',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode, reason } },
      },
    ],
  });
const failedJob = (reason: string) =>
  job({ conditions: [{ type: 'Failed', status: 'True', reason, message: 'm' }] });

describe(jobStateOf.name, () => {
  it.each([
    [
      'complete',
      job({ conditions: [{ type: 'Complete', status: 'True' }] }),
      [],
      { phase: 'succeeded' },
    ],
    ['ready pod', job({ active: 1, ready: 1 }), [], { phase: 'running' }],
    ['running pod', job({ active: 1 }), [pod({ phase: 'Running' })], { phase: 'running' }],
    ['no pod yet', job({}), [], { phase: 'pending', reason: 'no pod created yet' }],
    [
      'unschedulable',
      job({ active: 1 }),
      [
        pod({
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/2 nodes: Insufficient nvidia.com/gpu',
            },
          ],
        }),
      ],
      { phase: 'pending', reason: 'Unschedulable: 0/2 nodes: Insufficient nvidia.com/gpu' },
    ],
    [
      'image pull',
      job({ active: 1 }),
      [
        pod({
          phase: 'Pending',
          containerStatuses: [
            {
              name: 't',
              image: 'i',
              imageID: '',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } },
            },
          ],
        }),
      ],
      { phase: 'pending', reason: 'ImagePullBackOff: not found' },
    ],
    [
      'deadline',
      failedJob('DeadlineExceeded'),
      [],
      { phase: 'failed', code: 'deadline_exceeded', retryable: false },
    ],
    [
      'oom',
      failedJob('BackoffLimitExceeded'),
      [exited(137, 'OOMKilled')],
      { phase: 'failed', code: 'oom_killed', retryable: false },
    ],
    [
      'exit code',
      failedJob('BackoffLimitExceeded'),
      [exited(2, 'Error')],
      { phase: 'failed', code: 'job_failed', retryable: true },
    ],
    [
      'evicted',
      failedJob('BackoffLimitExceeded'),
      [pod({ phase: 'Failed', reason: 'Evicted', message: 'disk pressure' })],
      { phase: 'failed', code: 'evicted', retryable: true },
    ],
  ] as const)('%s', (_case, given, pods, expected) => {
    expect(jobStateOf(given, pods as readonly V1Pod[])).toMatchObject(expected);
  });

  it('names the exit code of a failed container', () => {
    const state = jobStateOf(failedJob('BackoffLimitExceeded'), [exited(3, 'Error')]);
    expect(state).toMatchObject({ message: 'the job container exited with code 3' });
  });
});
