import { createHash } from 'node:crypto';

import { type LlmRequest } from '../llm-provider';
import { systemPromptFor } from './output-instructions';

/** A system text block with an optional cache breakpoint, as the Messages API takes it. */
export interface CachedTextBlock {
  readonly type: 'text';
  readonly text: string;
  readonly cache_control?: { readonly type: 'ephemeral' };
}

/**
 * The system prompt as Anthropic blocks: one per {@link LlmRequest.systemParts} part, marked parts
 * carrying `cache_control` (the default 5-minute cache), then any output instructions the provider
 * adds, unmarked, last. A plain string when the request has no parts.
 */
export function anthropicSystemOf(request: LlmRequest): string | CachedTextBlock[] {
  const parts = request.systemParts;
  const full = systemPromptFor(request);
  if (parts === undefined || parts.length === 0) return full;
  const blocks: CachedTextBlock[] = parts.map((part) => ({
    type: 'text',
    text: part.text,
    ...(part.cache === true ? { cache_control: { type: 'ephemeral' } } : {}),
  }));
  // systemPromptFor appends its instructions after `system`; they go after the cached prefix.
  const added = full.startsWith(request.system) ? full.slice(request.system.length).trim() : '';
  return added === '' ? blocks : [...blocks, { type: 'text', text: added }];
}

/**
 * A key naming the request's first cached prefix (its parts up to the first marked one), or
 * undefined without one: calls that share the prefix share the key, and OpenAI routes calls with
 * one `prompt_cache_key` to the same cache.
 */
export function promptCacheKeyOf(request: LlmRequest): string | undefined {
  const parts = request.systemParts ?? [];
  const end = parts.findIndex((part) => part.cache === true);
  if (end === -1) return undefined;
  const prefix = parts
    .slice(0, end + 1)
    .map((part) => part.text)
    .join('\n\n');
  return `agentbus-${createHash('sha256').update(prefix).digest('hex').slice(0, 32)}`;
}
