import { tokenize } from './tokenize.util';

describe(tokenize.name, () => {
  it.each([
    ['A REST API, with OAuth!', ['a', 'rest', 'api', 'with', 'oauth']],
    ['node.js and C++ on k8s.', ['node.js', 'and', 'c++', 'on', 'k8s']],
    ['multi-tenant SaaS', ['multi-tenant', 'saas']],
    ['', []],
  ])('splits %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});
