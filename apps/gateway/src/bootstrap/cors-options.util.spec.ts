import { corsOptions } from './cors-options.util';

describe(corsOptions.name, () => {
  it('turns CORS off when no origin is configured', () => {
    expect(corsOptions([])).toBeUndefined();
  });

  it('allows exactly the configured origins, without credentials', () => {
    const sut = corsOptions(['https://console.example.com']);
    expect(sut).toMatchObject({ origin: ['https://console.example.com'], credentials: false });
    expect(sut?.allowedHeaders).toEqual(
      expect.arrayContaining(['Authorization', 'Idempotency-Key']),
    );
  });

  it('lets a browser read the rate limit headers and set key limits (PATCH)', () => {
    const sut = corsOptions(['https://console.example.com']);
    expect(sut?.exposedHeaders).toEqual(
      expect.arrayContaining([
        'Retry-After',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
      ]),
    );
    expect(sut?.methods).toEqual(expect.arrayContaining(['PATCH']));
  });
});
