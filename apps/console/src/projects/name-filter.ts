/**
 * Whether a project name matches what was typed in the search box: every word, in any order,
 * case- and accent-insensitive. The gateway's list has no name filter yet, so the console filters
 * the pages it has loaded (and says so).
 */
export function matchesName(name: string, query: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const haystack = fold(name);
  return fold(query)
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}
