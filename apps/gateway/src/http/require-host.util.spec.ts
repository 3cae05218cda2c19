import { type IncomingMessage } from 'node:http';
import { requireHost } from './require-host.util';

const aRequest = (httpVersion: string, headers: Record<string, string>) =>
  ({ httpVersion, headers }) as unknown as IncomingMessage;

describe(requireHost.name, () => {
  it('passes a request with a Host, and an HTTP/1.0 one without', () => {
    const next = jest.fn();
    requireHost(aRequest('1.1', { host: 'api' }), {}, next);
    requireHost(aRequest('1.0', {}), {}, next);
    expect(next).toHaveBeenCalledTimes(2);
  });

  it('refuses an HTTP/1.1 request without Host with a 400 problem', () => {
    const next = jest.fn();
    expect(() => requireHost(aRequest('1.1', {}), {}, next)).toThrow(
      expect.objectContaining({ status: 400, slug: 'missing-host' }),
    );
    expect(next).not.toHaveBeenCalled();
  });
});
