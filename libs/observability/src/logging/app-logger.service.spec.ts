import { Controller, Get } from '@nestjs/common';
import { collectLines } from '../../test/collect-lines';
import { startTestApp } from '../../test/start-test-app';
import { ObservabilityModule } from '../observability.module';
import { AppLogger } from './app-logger.service';
import { createLogger } from './create-logger';

@Controller('boom')
class BoomController {
  @Get()
  explode(): never {
    throw new Error('kaboom');
  }
}

describe(AppLogger.name, () => {
  const setup = () => {
    const out = collectLines();
    const sut = new AppLogger(createLogger({ service: 'gw', level: 'trace', destination: out }));
    return { sut, lines: out.lines };
  };

  it('maps Nest levels to pino levels and the trailing string to `context`', () => {
    const { sut, lines } = setup();
    sut.log('started', 'Bootstrap');
    sut.warn('slow', 'Db');
    sut.debug('detail');
    sut.verbose('chatty', 'Bus');
    sut.fatal('dying', 'Main');
    expect(lines.map(({ level, msg, context }) => ({ level, msg, context }))).toEqual([
      { level: 'info', msg: 'started', context: 'Bootstrap' },
      { level: 'warn', msg: 'slow', context: 'Db' },
      { level: 'debug', msg: 'detail', context: undefined },
      { level: 'trace', msg: 'chatty', context: 'Bus' },
      { level: 'fatal', msg: 'dying', context: 'Main' },
    ]);
  });

  it('keeps the stack of an error apart from its context, and logs Error objects as `err`', () => {
    const { sut, lines } = setup();
    const error = new Error('db down');
    sut.error('relay failed', error.stack, 'Outbox');
    sut.error(error);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'relay failed', context: 'Outbox' });
    expect(lines[0]?.['stack']).toContain('db down');
    expect(lines[1]).toMatchObject({ msg: 'db down', err: { type: 'Error', message: 'db down' } });
  });

  it('merges an object message into the line', () => {
    const { sut, lines } = setup();
    sut.log({ runId: 'r-1', stage: 'plan' }, 'Orchestrator');
    expect(lines[0]).toMatchObject({ runId: 'r-1', stage: 'plan', context: 'Orchestrator' });
  });

  it("turns Nest's own logs into JSON lines once installed with app.useLogger", async () => {
    const out = collectLines();
    const testApp = await startTestApp(
      {
        imports: [ObservabilityModule.forRoot({ service: 'gw', logDestination: out })],
        controllers: [BoomController],
      },
      { bufferLogs: true },
      (app) => app.useLogger(app.get(AppLogger)),
    );
    try {
      await fetch(testApp.url('/boom'));
    } finally {
      await testApp.close();
    }
    expect(out.lines).toContainEqual(
      expect.objectContaining({
        service: 'gw',
        level: 'info',
        context: 'RouterExplorer',
        msg: 'Mapped {/metrics, GET} route',
      }),
    );
    const crash = out.lines.find((line) => line['context'] === 'ExceptionsHandler');
    expect(crash).toMatchObject({ level: 'error', msg: 'kaboom', err: { message: 'kaboom' } });
  });
});
