import { type Logger } from 'pino';
import { OutageLog } from './outage-log';

describe(OutageLog.name, () => {
  let lines: { level: string; fields: Record<string, unknown>; message: string }[];
  let clock: number;
  let sut: OutageLog;
  beforeEach(() => {
    lines = [];
    clock = 1_000;
    const logAt =
      (level: string) =>
      (fields: Record<string, unknown>, message: string): void => {
        lines.push({ level, fields, message });
      };
    const logger = { warn: logAt('warn'), info: logAt('info'), error: logAt('error') };
    sut = new OutageLog(logger as unknown as Logger, 'skills-registry', () => clock);
  });

  it('warns once at the first failure of an outage, with the reason and no stack', () => {
    sut.failed(new Error('no responder for agentbus.rpc.v1.skills.resolve'), { agent: 'prd' });
    sut.failed(new Error('no responder for agentbus.rpc.v1.skills.resolve'), { agent: 'qa' });
    sut.failed('timeout');
    expect(lines).toEqual([
      {
        level: 'warn',
        fields: { agent: 'prd', reason: 'no responder for agentbus.rpc.v1.skills.resolve' },
        message: 'skills-registry unavailable: tasks run without it until it answers again',
      },
    ]);
  });

  it('says once when the dependency answers again, how long it was down and for how many tasks', () => {
    sut.answered(); // no outage: nothing to say
    sut.failed(new Error('down'));
    clock += 4_500;
    sut.failed(new Error('down'));
    sut.answered();
    sut.answered();
    expect(lines.slice(1)).toEqual([
      {
        level: 'warn',
        fields: { downMs: 4_500, failures: 2 },
        message: 'skills-registry answers again after 2 task(s) ran without it',
      },
    ]);
  });

  it('treats a failure after recovery as a new outage', () => {
    sut.failed(new Error('down'));
    sut.answered();
    sut.failed(new Error('down again'));
    expect(lines.map((line) => line.fields['reason'])).toEqual(['down', undefined, 'down again']);
  });
});
