import { AppLogger } from '@agentbus/observability';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppModule } from '../app.module';
import { type GatewayConfig } from '../config';
import { answerInProblems } from '../http/answer-in-problems.util';
import { assertJsonWithinLimits, type JsonLimits } from '../http/assert-json-within-limits.util';
import { assertUtf8Body } from '../http/assert-utf8-body.util';
import { bodyParseProblem } from '../http/body-parse-problem.util';
import { requireHost } from '../http/require-host.util';
import { JSON_BODY_TYPES } from '../http/require-json.middleware';
import { corsOptions } from './cors-options.util';
import { setupOpenApi } from './openapi';

/**
 * The gateway as a Nest app, ready to listen: JSON logs, the JSON body parser with its size limit,
 * UTF-8 check and depth and key-count limits (Nest's default parser is off: it would accept 100 kB
 * and replace bad bytes), problem+json answers to requests Node itself would refuse, CORS only for
 * configured origins, and the OpenAPI docs. Used by `main.ts` and the tests.
 */
export async function createGatewayApp(config: GatewayConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(AppLogger));
  answerInProblems(app.getHttpServer() as Server);
  app.use(requireHost);
  const limits = { maxDepth: config.HTTP_JSON_MAX_DEPTH, maxKeys: config.HTTP_JSON_MAX_KEYS };
  app.useBodyParser('json', {
    type: JSON_BODY_TYPES,
    limit: config.HTTP_BODY_LIMIT_BYTES,
    verify: verifyJson(limits),
  });
  app.use(namingBodyErrors);
  const cors = corsOptions(config.CORS_ORIGINS);
  if (cors !== undefined) app.enableCors(cors);
  app.disable('x-powered-by');
  // Express would hash every JSON body for a weak ETag no client here sends back: CPU per read.
  app.disable('etag');
  setupOpenApi(app);
  return app;
}

// Runs on the raw bytes before JSON.parse: a 400 here costs no parsing and no recursion.
const verifyJson =
  (limits: JsonLimits) =>
  (request: IncomingMessage, response: ServerResponse, body: Buffer, encoding: string): void => {
    assertUtf8Body(request, response, body, encoding);
    assertJsonWithinLimits(body, limits);
  };

// An express error middleware (four parameters): gives body parser errors a problem type.
function namingBodyErrors(
  error: unknown,
  _request: unknown,
  _response: unknown,
  next: (error: unknown) => void,
): void {
  next(bodyParseProblem(error));
}
