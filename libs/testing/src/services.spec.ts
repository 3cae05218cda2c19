import { randomBytes } from 'node:crypto';
import { resolveService, ServiceUnavailableError, type ServiceSpec } from './services';

// Unique names: the container memo is shared by every test file in the worker process.
const aSpec = (startContainer: () => Promise<string>): ServiceSpec => ({
  name: `Fake${randomBytes(4).toString('hex')}`,
  envVar: 'FAKE_SERVICE_URL',
  startContainer,
});

describe(resolveService.name, () => {
  it('uses the environment variable without starting a container', async () => {
    const start = jest.fn(() => Promise.resolve('container://x'));
    await expect(resolveService(aSpec(start), { FAKE_SERVICE_URL: ' svc://env ' })).resolves.toBe(
      'svc://env',
    );
    expect(start).not.toHaveBeenCalled();
  });

  it('starts the container once per process when the variable is unset', async () => {
    const start = jest.fn(() => Promise.resolve('container://x'));
    const sut = aSpec(start);
    const urls = await Promise.all([
      resolveService(sut, {}),
      resolveService(sut, { FAKE_SERVICE_URL: '' }),
    ]);
    expect(urls).toEqual(['container://x', 'container://x']);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('fails fast, naming the variable and the dev-services command, when no runtime exists', async () => {
    const runtimeMissing = new Error('Could not find a working container runtime strategy');
    const sut = aSpec(() => Promise.reject(runtimeMissing));
    const error = await resolveService(sut, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      cause: runtimeMissing,
      message: expect.stringContaining('Set FAKE_SERVICE_URL'),
    });
    expect((error as Error).message).toContain('eval "$(tools/scripts/dev-services.sh start)"');
  });

  it('does not remember a failed start', async () => {
    const start = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new Error('no runtime'))
      .mockResolvedValueOnce('container://second');
    const sut = aSpec(start);
    await expect(resolveService(sut, {})).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(resolveService(sut, {})).resolves.toBe('container://second');
  });
});
