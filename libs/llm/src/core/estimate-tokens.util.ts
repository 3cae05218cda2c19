/** A rough token count (4 characters a token) for servers that report none, and for offline. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
