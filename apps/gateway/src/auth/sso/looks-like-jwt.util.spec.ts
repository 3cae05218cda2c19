import { looksLikeJwt } from './looks-like-jwt.util';

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT = `${part({ alg: 'ES256', kid: 'k1' })}.${part({ sub: 'alice' })}.c2ln`;

describe(looksLikeJwt.name, () => {
  it.each([
    ['a signed JWT', JWT, true],
    [
      'an unsigned one (alg none), to be refused by name',
      `${part({ alg: 'none' })}.${part({})}.`,
      true,
    ],
    ['an API key', 'abk_Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy', false],
    ['an operator secret with dots', 'my.admin.secret-of-24-chars', false],
    ['a header without alg', `${part({ typ: 'JWT' })}.${part({})}.c2ln`, false],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`, false],
    ['four parts (a JWE has five)', `${JWT}.x`, false],
    ['characters outside base64url', `${JWT}=`, false],
  ])('%s', (_case, token, expected) => {
    expect(looksLikeJwt(token)).toBe(expected);
  });
});
