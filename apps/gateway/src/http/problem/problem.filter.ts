import { AppLogger } from '@agentbus/observability';
import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type HttpRequest, type HttpResponse } from '../express.types';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { problemOf } from './problem-of.util';

/**
 * The one place HTTP errors are written: every error (ours, Nest's, express's body parser's)
 * becomes `application/problem+json`. Unexpected ones are logged with their stack and answered
 * without internals.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: AppLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const { problem, headers, unexpected } = problemOf(error, request.originalUrl);
    if (unexpected) {
      const level = problem.status >= 500 && problem.status !== 503 ? 'error' : 'warn';
      const fields = { err: loggable(error), method: request.method, path: request.path };
      this.logger.pino[level]({ ...fields, status: problem.status }, 'request failed');
    }
    if (response.headersSent) {
      // A stream (SSE) was already answering: all that is left is to end it.
      response.end();
      return;
    }
    response.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE);
    response.send(JSON.stringify(problem));
  }
}

// Name, message, code and stack only: a failed query carries its parameters, which can hold a
// request's whole requirements text.
function loggable(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as { code?: unknown };
  return { type: error.name, message: error.message, code, stack: error.stack };
}
