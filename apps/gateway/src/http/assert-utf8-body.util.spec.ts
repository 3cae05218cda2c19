import type { IncomingMessage, ServerResponse } from 'node:http';
import { assertUtf8Body } from './assert-utf8-body.util';

describe(assertUtf8Body.name, () => {
  const verify =
    (bytes: number[] | string, encoding = 'utf-8') =>
    () =>
      assertUtf8Body(
        {} as IncomingMessage,
        {} as ServerResponse,
        Buffer.from(bytes as never),
        encoding,
      );

  it('accepts UTF-8, including multi-byte characters', () => {
    expect(verify('{"a":"café 😀"}')).not.toThrow();
  });

  it.each([
    ['a Latin-1 byte', [0x7b, 0xe9, 0x7d]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s with status 400', (_case, bytes) => {
    expect(verify(bytes)).toThrow(expect.objectContaining({ status: 400, slug: 'invalid-utf8' }));
  });

  it('refuses another declared charset with status 415', () => {
    expect(verify('{}', 'utf-16le')).toThrow(expect.objectContaining({ status: 415 }));
  });
});
