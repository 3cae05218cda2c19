import { ALL_CONSUMERS } from './index'; // the index registers every message
import { allMessages, createEnvelope, parseEnvelope } from './define-message';
import { allQueries } from './define-query';
import { InvalidMessageError } from './errors';
import { MemorySearchV1 } from './rpc/memory-search.v1';
import { ALL_STREAMS, streamFor } from './streams';
import { CpuTaskRequestedV1 } from './task/cpu-task.v1';
import {
  SUBJECT_PATTERN,
  canonicalSubject,
  durableName,
  parseSubject,
  wireStreamName,
  wireSubject,
} from './names';
import { ProjectSubmittedV1 } from './workflow/project-submitted.v1';
import { newMessageId } from './envelope';

const projectId = '0190d8f4-7a3e-7c1a-9b2f-3d4e5f607182';

describe('contracts registry', () => {
  it('names every message with the five-token grammar and a stream (or rpc)', () => {
    expect(allMessages().length).toBeGreaterThanOrEqual(28);
    for (const message of allMessages()) {
      expect(message.subject).toMatch(SUBJECT_PATTERN);
      const { domain } = parseSubject(message.subject);
      if (domain === 'rpc') expect(() => streamFor(message.subject)).toThrow(/no stream/);
      else expect(streamFor(message.subject).subjects).toEqual([`agentbus.${domain}.>`]);
    }
  });

  it('keeps stream names short, upper snake case, and gives each its retention reason', () => {
    for (const stream of ALL_STREAMS) {
      expect(stream.name).toMatch(/^AGENTBUS_[A-Z]+$/);
      expect(stream.name.length).toBeLessThan(32);
      expect(stream.why.length).toBeGreaterThan(10);
    }
  });

  it('gives every durable a unique computed name within its stream', () => {
    const keys = ALL_CONSUMERS.map((c) => `${c.stream}/${c.durable}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const consumer of ALL_CONSUMERS) {
      expect(consumer.durable).toBe(durableName(consumer.app, consumer.message.subject));
      expect(consumer.durable).toMatch(/^(gw|orch|cpu|gpu|mem|skl)-[a-z0-9-]+$/);
    }
    expect(durableName('master-orchestrator', 'agentbus.task.v1.cpu.succeeded')).toBe(
      'orch-cpu-succeeded',
    );
  });

  it('prefixes wire names with a namespace and maps them back', () => {
    expect(wireSubject('t_ab', ProjectSubmittedV1.subject)).toBe(
      't_ab.agentbus.workflow.v1.project.submitted',
    );
    expect(canonicalSubject('t_ab', 't_ab.agentbus.workflow.v1.project.submitted')).toBe(
      ProjectSubmittedV1.subject,
    );
    expect(wireStreamName('t_ab', 'AGENTBUS_TASK')).toBe('T_AB_AGENTBUS_TASK');
    expect(wireStreamName('', 'AGENTBUS_TASK')).toBe('AGENTBUS_TASK');
  });
});

describe(createEnvelope.name, () => {
  const valid = {
    projectId,
    name: 'Shop',
    requirements: 'A web shop',
    options: {},
    submittedBy: 'key-1',
  };

  it('builds a typed envelope with a v7 id and defaults applied', () => {
    const envelope = createEnvelope(ProjectSubmittedV1, valid, {
      source: 'gateway',
      correlationId: projectId,
    });
    expect(envelope.type).toBe('agentbus.workflow.v1.project.submitted');
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(envelope.data.options.gates).toEqual({ prd_approval: true, delivery_approval: false });
  });

  it('refuses invalid data before it leaves, naming the field', () => {
    expect(() =>
      createEnvelope(
        ProjectSubmittedV1,
        { ...valid, requirements: '' },
        { source: 'gateway', correlationId: projectId },
      ),
    ).toThrow(/data\.requirements/);
  });

  it('rejects unknown fields and a mismatched type on receipt', () => {
    const envelope = createEnvelope(ProjectSubmittedV1, valid, {
      source: 'gateway',
      correlationId: projectId,
    });
    expect(() => parseEnvelope(ProjectSubmittedV1, { ...envelope, extra: 1 })).toThrow(
      InvalidMessageError,
    );
    expect(() =>
      parseEnvelope(CpuTaskRequestedV1, { ...envelope, type: CpuTaskRequestedV1.subject }),
    ).toThrow(/data/);
    expect(() =>
      parseEnvelope(ProjectSubmittedV1, { ...envelope, type: CpuTaskRequestedV1.subject }),
    ).toThrow(/type/);
  });

  it('round-trips through JSON', () => {
    const envelope = createEnvelope(ProjectSubmittedV1, valid, {
      source: 'gateway',
      correlationId: projectId,
      causationId: newMessageId(),
    });
    expect(parseEnvelope(ProjectSubmittedV1, JSON.parse(JSON.stringify(envelope)))).toEqual(
      envelope,
    );
  });
});

describe('queries', () => {
  it('declares one query, with its reply schema, for every rpc subject', () => {
    const rpc = allMessages()
      .filter((message) => parseSubject(message.subject).domain === 'rpc')
      .map((message) => message.subject);
    expect(allQueries().map((query) => query.subject)).toEqual(rpc);
    for (const query of allQueries()) expect(query.request.subject).toBe(query.subject);
  });

  it('validates replies as answers or errors', () => {
    expect(MemorySearchV1.reply.safeParse({ ok: true, data: { hits: [] } }).success).toBe(true);
    expect(
      MemorySearchV1.reply.safeParse({
        ok: false,
        error: { code: 'unavailable', message: 'chroma down', retryable: true },
      }).success,
    ).toBe(true);
    expect(MemorySearchV1.reply.safeParse({ ok: true }).success).toBe(false);
  });
});
