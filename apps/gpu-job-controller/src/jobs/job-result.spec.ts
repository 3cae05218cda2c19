import { logTail, MissingResultError, resultOfLog } from './job-result';

describe(resultOfLog.name, () => {
  it('reads the last JSON object line, after progress lines', () => {
    const log = ['epoch 1/2', '{"progress":0.5}', 'epoch 2/2', '{"metrics":{"loss":0.1}}', ''].join(
      '\n',
    );
    expect(resultOfLog(log)).toEqual({ metrics: { loss: 0.1 } });
  });

  it('skips lines that only look like JSON', () => {
    expect(resultOfLog('{"ok":true}\n{not json')).toEqual({ ok: true });
  });

  it('fails with a hint when there is no JSON object', () => {
    expect(() => resultOfLog('done\n[1,2]\n')).toThrow(MissingResultError);
  });
});

describe(logTail.name, () => {
  it('keeps the last non-empty lines', () => {
    expect(logTail('a\n\nb\nc\n', 2)).toEqual(['b', 'c']);
  });
});
