/**
 * The job of a task attempt: a DNS-1123 label (≤ 63 chars) from the task id and attempt. The same
 * task attempt always gets the same name, so a redelivered request or a restarted controller finds
 * the job that exists (409 AlreadyExists) instead of making a second one.
 */
export function jobNameOf(taskId: string, attempt: number): string {
  return `agentbus-gpu-${taskId.replace(/-/g, '').slice(0, 32)}-a${attempt}`;
}
