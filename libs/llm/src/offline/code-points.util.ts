// Any UTF-16 surrogate: only a string holding one has fewer code points than code units.
const surrogate = /[\uD800-\uDFFF]/;

/**
 * Length in code points, as `[...text].length` counts it (a lone surrogate counts one), without
 * building that array for the usual string with none: the offline generator measures every string
 * it makes several times.
 */
export const codePointLength = (text: string): number =>
  surrogate.test(text) ? [...text].length : text.length;
