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
});
