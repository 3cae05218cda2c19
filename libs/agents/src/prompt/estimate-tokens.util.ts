/** A rough token count, four characters a token: the same estimate the offline provider uses. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
