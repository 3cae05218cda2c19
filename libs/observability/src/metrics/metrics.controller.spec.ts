import { type CanActivate, Controller, Get, Injectable, Param, UseGuards } from '@nestjs/common';
import { sampleValue } from '../../test/prometheus-sample';
import { startTestApp, type TestApp } from '../../test/start-test-app';
import { ObservabilityModule } from '../observability.module';
import { MetricsController } from './metrics.controller';

@Injectable()
class DenyAll implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Controller('projects')
class ProjectsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get(':id/secrets')
  @UseGuards(DenyAll)
  secrets(): never {
    throw new Error('guarded');
  }
}

const requestCount = (text: string, route: string, status: number): number | undefined =>
  sampleValue(text, 'http_server_request_duration_seconds_count', {
    method: 'GET',
    route,
    status_code: String(status),
    service: 'gateway',
  });

describe(MetricsController.name, () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({
      imports: [ObservabilityModule.forRoot({ service: 'gateway', logLevel: 'silent' })],
      controllers: [ProjectsController],
    });
  });
  afterAll(() => sut.close());

  const scrape = async (): Promise<{ text: string; contentType: string | null }> => {
    const res = await fetch(sut.url('/metrics'));
    expect(res.status).toBe(200);
    return { text: await res.text(), contentType: res.headers.get('content-type') };
  };

  it('serves the registry in Prometheus text format, with default Node metrics', async () => {
    const { text, contentType } = await scrape();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(
      sampleValue(text, 'nodejs_heap_size_used_bytes', { service: 'gateway' }),
    ).toBeGreaterThan(0);
  });

  it('records HTTP latency by route pattern, including guard rejections and unknown paths', async () => {
    for (const path of ['/projects/1', '/projects/2', '/projects/1/secrets', '/nope/3']) {
      await (await fetch(sut.url(path))).arrayBuffer();
    }
    const { text } = await scrape();
    expect(text).toContain('# TYPE http_server_request_duration_seconds histogram');
    expect(requestCount(text, '/projects/:id', 200)).toBe(2);
    expect(requestCount(text, '/projects/:id/secrets', 403)).toBe(1);
    expect(requestCount(text, 'unmatched', 404)).toBe(1);
    expect(text).not.toContain('route="/projects/1"');
  });
});
