import { RequireJsonMiddleware } from './require-json.middleware';
import { type HttpRequest, type HttpResponse } from './express.types';

/** A request as the middleware sees it, after the body parser ran (or skipped it). */
const aRequest = (headers: Record<string, string>, body?: unknown): HttpRequest =>
  ({ headers, body }) as unknown as HttpRequest;

describe(RequireJsonMiddleware.name, () => {
  const sut = new RequireJsonMiddleware();
  const response = {} as HttpResponse;

  it.each([
    ['a length', { 'content-length': '9' }],
    ['chunked framing', { 'transfer-encoding': 'chunked' }],
  ])('refuses a body with %s that the JSON parser did not read (415)', (_framing, headers) => {
    const next = jest.fn();
    expect(() => sut.use(aRequest(headers), response, next)).toThrow(
      expect.objectContaining({ status: 415, slug: 'unsupported-media-type' }),
    );
    expect(next).not.toHaveBeenCalled();
  });

  it('refuses an array body (400)', () => {
    expect(() => sut.use(aRequest({ 'content-length': '2' }, []), response, jest.fn())).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });

  it.each([
    ['a parsed object', { 'content-length': '9' }, { zz: 1 }],
    ['no body', {}, undefined],
    ['an empty body', { 'content-length': '0' }, undefined],
  ])('passes %s on', (_case, headers, body) => {
    const next = jest.fn();
    sut.use(aRequest(headers, body), response, next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
