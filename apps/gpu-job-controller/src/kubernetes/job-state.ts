import { type V1Job, type V1Pod } from '@kubernetes/client-node';

/** A Job's state read from its status and pods, before any log is read. */
export type JobState =
  | { readonly phase: 'pending'; readonly reason: string | undefined }
  | { readonly phase: 'running' }
  | { readonly phase: 'succeeded' }
  | {
      readonly phase: 'failed';
      readonly code: string;
      readonly message: string;
      readonly retryable: boolean;
    };

const conditionOf = (job: V1Job, type: string) =>
  job.status?.conditions?.find(
    (condition) => condition.type === type && condition.status === 'True',
  );

/**
 * Where a Job is (pure). Failures are mapped by cause: a run that hit its deadline or ran out of
 * memory fails the same way again (final); a container that exited non-zero, an evicted pod or a
 * lost node may pass on another attempt (retryable).
 */
export function jobStateOf(job: V1Job, pods: readonly V1Pod[]): JobState {
  if (conditionOf(job, 'Complete')) return { phase: 'succeeded' };
  const failed = conditionOf(job, 'Failed');
  if (failed) return failureOf(failed.reason, failed.message, pods);
  const running =
    (job.status?.ready ?? 0) > 0 || pods.some((pod) => pod.status?.phase === 'Running');
  return running ? { phase: 'running' } : { phase: 'pending', reason: pendingReason(pods) };
}

function failureOf(
  reason: string | undefined,
  message: string | undefined,
  pods: readonly V1Pod[],
): JobState {
  if (reason === 'DeadlineExceeded') {
    return {
      phase: 'failed',
      code: 'deadline_exceeded',
      message: `the job ran past its deadline (activeDeadlineSeconds): ${message ?? ''}`.trim(),
      retryable: false,
    };
  }
  const evicted = pods.find((pod) => pod.status?.reason === 'Evicted');
  if (evicted) {
    return {
      phase: 'failed',
      code: 'evicted',
      message: `the pod was evicted: ${evicted.status?.message ?? ''}`.trim(),
      retryable: true,
    };
  }
  const terminated = pods
    .flatMap((pod) => pod.status?.containerStatuses ?? [])
    .map((status) => status.state?.terminated)
    .find((state) => state !== undefined && state.exitCode !== 0);
  if (terminated?.reason === 'OOMKilled') {
    return {
      phase: 'failed',
      code: 'oom_killed',
      message: 'the job container ran out of memory (OOMKilled): raise its memory limit',
      retryable: false,
    };
  }
  return {
    phase: 'failed',
    code: 'job_failed',
    message: terminated
      ? `the job container exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`
      : `the job failed (${reason ?? 'unknown reason'}): ${message ?? ''}`.trim(),
    retryable: true,
  };
}

/** Why no pod runs yet: the scheduler's message (no GPU node) or a container's wait (image pull). */
function pendingReason(pods: readonly V1Pod[]): string | undefined {
  for (const pod of pods) {
    const unscheduled = pod.status?.conditions?.find(
      (condition) => condition.type === 'PodScheduled' && condition.status === 'False',
    );
    if (unscheduled) {
      return `${unscheduled.reason ?? 'Unschedulable'}: ${unscheduled.message ?? ''}`.trim();
    }
    const waiting = pod.status?.containerStatuses
      ?.map((status) => status.state?.waiting)
      .find((state) => state?.reason !== undefined);
    if (waiting) return `${waiting.reason ?? ''}: ${waiting.message ?? ''}`.trim();
  }
  return pods.length === 0 ? 'no pod created yet' : undefined;
}
