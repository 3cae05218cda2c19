import { digestJson } from './digest-json';
import { digestMarkdown } from './digest-markdown';

/**
 * The compact digest of an artifact (DESIGN §8, issue 14), made once when the artifact is stored:
 * a structured extraction of JSON, the headings and key lines of markdown. Agents read digests of
 * distant upstream stages and the full text only of inputs they declare in `readsWhole`.
 */
export const digestArtifact = (format: 'json' | 'markdown', body: string): string => {
  if (format === 'markdown') return digestMarkdown(body);
  try {
    return digestJson(JSON.parse(body) as unknown);
  } catch {
    // A JSON artifact that does not parse is digested as prose rather than dropped.
    return digestMarkdown(body);
  }
};
