import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

// js-tiktoken: OpenAI's own BPE ranks in pure JS (no native build, no download at run time), kept
// up to date with tiktoken. o200k_base is the encoding of gpt-4o, gpt-4.1, o-series and gpt-5, so
// counts are exact for those; Claude's tokenizer ships no offline library, so for Claude the same
// count is an estimate (typically within ~10-20 % of Anthropic's count_tokens).
const encoder = new Tiktoken(o200kBase);

/** Which tokenizer {@link countTokens} uses, for the report's label. */
export const TOKENIZER_LABEL =
  'o200k_base (js-tiktoken): exact for OpenAI gpt-4o/4.1/5, an estimate for Claude';

/** Tokens of `text` in the o200k_base encoding. */
export const countTokens = (text: string): number => encoder.encode(text).length;
