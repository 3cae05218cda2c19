import { AppLogger } from '@agentbus/observability';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module';
import { type GatewayConfig } from '../config';
import { assertUtf8Body } from '../http/assert-utf8-body.util';
import { bodyParseProblem } from '../http/body-parse-problem.util';
import { corsOptions } from './cors-options.util';
import { setupOpenApi } from './openapi';

/**
 * The gateway as a Nest app, ready to listen: JSON logs, the JSON body parser with its size limit
 * and UTF-8 check (Nest's default parser is off: it would accept 100 kB and replace bad bytes),
 * CORS only for configured origins, and the OpenAPI docs. Used by `main.ts` and the tests.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(AppLogger));
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT_BYTES, verify: assertUtf8Body });
  app.use(namingBodyErrors);
  const cors = corsOptions(config.CORS_ORIGINS);
  if (cors !== undefined) app.enableCors(cors);
  app.disable('x-powered-by');
  // Express would hash every JSON body for a weak ETag no client here sends back: CPU per read.
  app.disable('etag');
  setupOpenApi(app);
  return app;
}

// An express error middleware (four parameters): gives body parser errors a problem type.
function namingBodyErrors(
  error: unknown,
  _request: unknown,
  _response: unknown,
  next: (error: unknown) => void,
): void {
  next(bodyParseProblem(error));
}
