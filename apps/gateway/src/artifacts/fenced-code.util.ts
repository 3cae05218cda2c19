/**
 * A markdown fenced code block around `code`. The fence is one backtick longer than the longest
 * backtick run inside (CommonMark), so content can never close it early.
 */
export function fencedCode(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code}\n${fence}\n`;
}
