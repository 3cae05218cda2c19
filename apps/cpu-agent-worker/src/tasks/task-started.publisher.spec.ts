import { randomUUID } from 'node:crypto';
import { CpuTaskRequestedV1, CpuTaskStartedV1, createEnvelope } from '@agentbus/contracts';
import { type BusPublisher } from '@agentbus/messaging-nest';
import { startedMessageId, TaskStartedPublisher } from './task-started.publisher';
import { type WorkerRuntime } from './worker-runtime';

const aTaskRequest = (taskId = randomUUID()): CpuTaskRequestedV1 => {
  const projectId = randomUUID();
  return createEnvelope(
    CpuTaskRequestedV1,
    {
      taskId,
      projectId,
      stage: 'prd',
      attempt: 1,
      agent: 'prd',
      inputs: [],
      deadlineAt: new Date().toISOString(),
    },
    { source: 'master-orchestrator', correlationId: projectId },
  );
};

describe(TaskStartedPublisher.name, () => {
  const publish = jest.fn();
  const warn = jest.fn();
  const sut = new TaskStartedPublisher(
    { publish } as unknown as BusPublisher,
    { logger: { warn } } as unknown as WorkerRuntime,
  );

  beforeEach(() => {
    publish.mockReset().mockResolvedValue({ seq: 1, duplicate: false });
    warn.mockReset();
  });

  it('gives each task one started id, so the stream drops a redelivery’s copy', () => {
    const taskId = randomUUID();
    expect(startedMessageId(taskId)).toBe(startedMessageId(taskId));
    expect(startedMessageId(taskId)).not.toBe(startedMessageId(randomUUID()));
    expect(startedMessageId(taskId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes CpuTaskStarted under that id, caused by the request', async () => {
    const request = aTaskRequest();
    await sut.announce(request);
    await sut.announce(request); // a redelivery
    expect(publish).toHaveBeenCalledTimes(2);
    const [[definition, data, meta], [, , again]] = publish.mock.calls;
    expect(definition).toBe(CpuTaskStartedV1);
    expect(data).toMatchObject({
      taskId: request.data.taskId,
      projectId: request.data.projectId,
      stage: 'prd',
      attempt: 1,
      worker: { id: expect.any(String) },
    });
    expect(() => CpuTaskStartedV1.data.parse(data)).not.toThrow();
    expect(meta).toEqual({
      id: startedMessageId(request.data.taskId),
      correlationId: request.correlationId,
      causationId: request.id,
    });
    expect(again.id).toBe(meta.id);
  });

  it('logs a failed publish and never rejects', async () => {
    publish.mockRejectedValue(new Error('nats down'));
    await expect(sut.announce(aTaskRequest())).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error), stage: 'prd' }),
      'task started not published',
    );
  });
});
