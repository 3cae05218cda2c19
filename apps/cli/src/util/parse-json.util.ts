/** `JSON.parse`, or `undefined` for text that is not JSON (the caller's schema reports it). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
