import { type SeedPhrases } from './seed-phrases';

/** The first line of every offline markdown or text answer. */
export const offlineNotice =
  '_Generated offline from the requirements: no language model was called, so review before use._';

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Markdown with each required section as a `## ` heading, filled from the requirements. */
export function offlineMarkdown(sections: readonly string[], phrases: SeedPhrases): string {
  const blocks = (sections.length > 0 ? sections : ['Summary']).map((section) =>
    [
      `## ${section}`,
      '',
      `${phrases.sentence()} ${phrases.sentence()}`,
      '',
      ...[phrases.phrase(), phrases.phrase(), phrases.phrase()].map((p) => `- ${capitalize(p)}`),
    ].join('\n'),
  );
  return [offlineNotice, ...blocks].join('\n\n') + '\n';
}

/** A short paragraph from the requirements, after the offline notice. */
export function offlineText(phrases: SeedPhrases): string {
  return `${offlineNotice}\n\n${phrases.sentence()} ${phrases.sentence()} ${phrases.sentence()}\n`;
}
