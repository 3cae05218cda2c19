import { Marked, type Tokens } from 'marked';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const SAFE_HREF = /^(https?:|mailto:|#)/i;

// Agents write these artifacts from model output: raw HTML is shown as text, links only to http(s),
// mail or in-page anchors, images as their alt text (the console loads nothing from elsewhere).
const marked = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return text;
      const titled = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titled} rel="noopener noreferrer" target="_blank">${text}</a>`;
    },
    image({ text }: Tokens.Image): string {
      return `[image: ${escapeHtml(text)}]`;
    },
    // A mermaid block stays readable as its source until renderDiagrams (mermaid-diagrams.ts)
    // replaces it with the drawing; the source travels escaped in a data attribute.
    code({ text, lang }: Tokens.Code): string | false {
      if (lang?.trim().toLowerCase() !== 'mermaid') return false;
      const source = escapeHtml(text);
      return `<figure class="mermaid-diagram" data-source="${source}"><pre><code>${source}</code></pre></figure>`;
    },
  },
});

/** An artifact's markdown as HTML that is safe to insert (see the renderer above). */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
