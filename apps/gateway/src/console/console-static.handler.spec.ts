import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HttpRequest, type HttpResponse } from '../http/express.types';
import { consoleHandler } from './console-static.handler';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: string;
  ended: boolean;
}

// The few express methods the handler calls, recording what it answered.
function fakeResponse(answer: Answer): HttpResponse {
  const response = {
    status(code: number) {
      answer.status = code;
      return response;
    },
    set(headers: Record<string, string>) {
      Object.assign(answer.headers, headers);
      return response;
    },
    type(type: string) {
      answer.headers['content-type'] = type;
      return response;
    },
    send(body: string) {
      answer.body = body;
      answer.ended = true;
      return response;
    },
    location(url: string) {
      answer.headers['location'] = url;
      return response;
    },
    end() {
      answer.ended = true;
      return response;
    },
  };
  return response as unknown as HttpResponse; // only these methods are reached in these cases
}

const request = (method: string, originalUrl: string) =>
  ({ method, originalUrl }) as unknown as HttpRequest;

function answerTo(dirs: string[], method: string, url: string): { answer: Answer; next: boolean } {
  const answer: Answer = { headers: {}, ended: false };
  let next = false;
  consoleHandler(dirs)(request(method, url), fakeResponse(answer), () => {
    next = true;
  });
  return { answer, next };
}

describe(consoleHandler.name, () => {
  const built = mkdtempSync(join(tmpdir(), 'console-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
  const missing = join(tmpdir(), 'no-console-here');

  it('says how to build the console when it was not built', () => {
    const { answer } = answerTo([missing], 'GET', '/console/');
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('npx nx run console:build');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('redirects /console to /console/ so relative asset URLs resolve', () => {
    const { answer } = answerTo([built], 'GET', '/console?x=1');
    expect(answer).toMatchObject({ status: 308, headers: { location: '/console/' } });
  });

  it('answers HEAD of the page with its type, length and a strict CSP, and no body', () => {
    const { answer } = answerTo([built], 'HEAD', '/console/');
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-length': '37',
      'cache-control': 'no-cache',
    });
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    expect(answer.ended).toBe(true);
  });

  it('is a plain 404 for a missing file or a path out of the build', () => {
    expect(answerTo([built], 'GET', '/console/nope.js').answer.status).toBe(404);
    expect(answerTo([built], 'GET', '/console/%2e%2e/secret').answer.status).toBe(404);
  });

  it('leaves other methods to the API (which has no such route)', () => {
    expect(answerTo([built], 'POST', '/console/').next).toBe(true);
  });
});
