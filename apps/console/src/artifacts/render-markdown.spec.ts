import { renderMarkdown } from './render-markdown';

describe(renderMarkdown.name, () => {
  it('renders headings, lists, tables and code', () => {
    const html = renderMarkdown('# PRD\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`x`');
    expect(html).toContain('<h1>PRD</h1>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<code>x</code>');
  });

  it('shows raw HTML from a model as text, never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&#60;script&#62;');
  });

  it('keeps http(s) links and drops javascript: ones to their text', () => {
    const html = renderMarkdown(
      '[ok](https://example.org) [bad](javascript:alert(1)) ![pic](x.png)',
    );
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('bad');
    expect(html).toContain('[image: pic]');
  });

  it('marks a mermaid block for drawing, its source escaped, and leaves other code as code', () => {
    const html = renderMarkdown(
      '```mermaid\ngraph TD\n  A["<b>x</b>"] --> B\n```\n\n```ts\nconst a = 1;\n```',
    );
    expect(html).toContain('<figure class="mermaid-diagram" data-source="graph TD');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;b&#62;x');
    expect(html).toContain('<code class="language-ts">const a = 1;');
  });
});
