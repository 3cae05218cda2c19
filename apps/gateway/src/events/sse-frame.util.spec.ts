import { isTerminalEvent, shortEventName } from './project-event';
import { sseComment, sseEndFrame, sseEventFrame } from './sse-frame.util';

const aRow = (overrides: Partial<Parameters<typeof sseEventFrame>[0]> = {}) => ({
  seq: '42',
  id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  project_id: '0190c7e4-0000-7000-8000-000000000001',
  type: 'agentbus.workflow.v1.stage.completed',
  data: { stage: 'prd', note: 'two\nlines' },
  created_at: new Date('2025-11-27T10:00:00.000Z'),
  ...overrides,
});

describe(sseEventFrame.name, () => {
  it('writes id, short event name and one line of JSON data, ended by a blank line', () => {
    const sut = sseEventFrame(aRow());
    const [id, event, data, ...rest] = sut.split('\n');
    expect(id).toBe('id: 42');
    expect(event).toBe('event: stage.completed');
    expect(rest).toEqual(['', '']);
    expect(JSON.parse((data ?? '').slice('data: '.length))).toEqual({
      id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
      seq: 42,
      type: 'agentbus.workflow.v1.stage.completed',
      time: '2025-11-27T10:00:00.000Z',
      projectId: '0190c7e4-0000-7000-8000-000000000001',
      data: { stage: 'prd', note: 'two\nlines' },
    });
  });

  it('never lets a strange type break the frame', () => {
    expect(sseEventFrame(aRow({ type: 'weird\ntype: x' }))).toContain('event: weird_type__x\n');
  });
});

describe(shortEventName.name, () => {
  it.each([
    ['agentbus.workflow.v1.project.completed', 'project.completed'],
    ['agentbus.workflow.v1.approval.requested', 'approval.requested'],
    ['stage.completed', 'stage.completed'],
  ])('%s -> %s', (type, expected) => expect(shortEventName(type)).toBe(expected));

  it('knows which events end a project', () => {
    expect(isTerminalEvent('agentbus.workflow.v1.project.failed')).toBe(true);
    expect(isTerminalEvent('agentbus.workflow.v1.project.cancelled')).toBe(true);
    expect(isTerminalEvent('agentbus.workflow.v1.stage.failed')).toBe(false);
  });
});

describe(sseComment.name, () => {
  it('is a single comment line even when the text has newlines', () => {
    expect(sseComment('keep\nalive')).toBe(': keep alive\n\n');
    expect(sseEndFrame('project.completed')).toBe(
      'event: end\ndata: {"reason":"project.completed"}\n\n',
    );
  });
});
