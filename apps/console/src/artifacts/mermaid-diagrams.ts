let drawn = 0;

/**
 * Draws the mermaid blocks renderMarkdown marked inside `root`. Mermaid is loaded here, on first
 * need, as its own chunk (it is several times the rest of the console). Each drawing goes in as an
 * `<img>` of the SVG: the console's CSP refuses inline styles, which mermaid's SVG carries, but an
 * image is its own document; and an image runs no script. A block mermaid cannot read keeps its
 * source, with a note.
 */
export async function drawDiagrams(root: HTMLElement): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>('figure.mermaid-diagram[data-source]')];
  if (blocks.length === 0) return;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    htmlLabels: false, // labels as SVG text: an <img> would not draw HTML labels
    flowchart: { htmlLabels: false },
  });
  for (const block of blocks) {
    const source = block.dataset['source'] ?? '';
    block.removeAttribute('data-source');
    try {
      // Parse first: render() of a bad diagram leaves its error drawing in the page's body.
      if ((await mermaid.parse(source, { suppressErrors: true })) === false) {
        throw new Error('not a mermaid diagram');
      }
      const { svg } = await mermaid.render(`mermaid-${++drawn}`, source);
      const image = document.createElement('img');
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      // Its natural width (the SVG says width="100%", which as an image would fill the page).
      const width = Number(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+)/.exec(svg)?.[1]);
      if (width > 0) image.width = Math.ceil(width);
      image.alt = `Diagram: ${source.split('\n')[0] ?? ''}`;
      block.replaceChildren(image);
      block.classList.add('drawn');
    } catch (error) {
      const note = document.createElement('figcaption');
      note.textContent = `This diagram could not be drawn (${error instanceof Error ? error.message.split('\n')[0] : 'mermaid error'}); its source is shown.`;
      block.append(note);
    }
  }
}
