import { getContainerRuntimeClient } from 'testcontainers';
import { postgresUrl, ServiceUnavailableError } from '../../src';

describe('service resolution without an environment variable', () => {
  it('starts a container, or fails fast saying which variable to set', async () => {
    const hasRuntime = await getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    const started = Date.now();
    const outcome = postgresUrl({});
    if (hasRuntime) {
      await expect(outcome).resolves.toMatch(/^postgres(ql)?:\/\//);
    } else {
      await expect(outcome).rejects.toThrow(ServiceUnavailableError);
      await expect(outcome).rejects.toThrow(/Set DATABASE_URL\..*dev-services\.sh start/s);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });
});
