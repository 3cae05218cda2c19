import { type ServerResponse } from 'node:http';

import {
  pause,
  type RecordedRequest,
  RecordingServer,
  type Reply,
  startEventStream,
  writeEvent,
  writeJson,
} from './recording-server';

/** What a scripted Messages API answer contains. */
export interface AnthropicAnswer {
  readonly text?: readonly string[];
  readonly thinking?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly stopReason?: string;
  /** Pause between events, so progress and timeouts can be observed. */
  readonly delayMs?: number;
}

const messageId = 'msg_01XFDUDYJgAACzvnptvVoYEL';

const usageOf = (answer: AnthropicAnswer, outputTokens: number) => ({
  input_tokens: answer.inputTokens ?? 25,
  cache_creation_input_tokens: answer.cacheWriteTokens ?? 0,
  cache_read_input_tokens: answer.cacheReadTokens ?? 0,
  output_tokens: outputTokens,
  service_tier: 'standard',
});

function modelOf(request: RecordedRequest): string {
  return typeof request.body['model'] === 'string' ? request.body['model'] : 'claude-test';
}

/**
 * The Messages API as the real one streams it: `message_start` (input tokens), a `ping`, optional
 * thinking block, text blocks of `text_delta`s, `message_delta` (cumulative output tokens and the
 * stop reason), `message_stop`. A request without `stream: true` gets the whole message as JSON.
 */
export function anthropicAnswer(answer: AnthropicAnswer = {}): Reply {
  return async (res, request) => {
    const text = answer.text ?? ['Hello', ', world'];
    const outputTokens = answer.outputTokens ?? 12;
    if (request.body['stream'] !== true) {
      writeJson(res, 200, {
        id: messageId,
        type: 'message',
        role: 'assistant',
        model: modelOf(request),
        content: [
          ...(answer.thinking
            ? [{ type: 'thinking', thinking: answer.thinking, signature: 'sig' }]
            : []),
          { type: 'text', text: text.join(''), citations: null },
        ],
        stop_reason: answer.stopReason ?? 'end_turn',
        stop_sequence: null,
        usage: usageOf(answer, outputTokens),
      });
      return;
    }
    const step = async (): Promise<void> => pause(answer.delayMs ?? 0);
    startEventStream(res, { 'request-id': 'req_test' });
    writeEvent(
      res,
      {
        type: 'message_start',
        message: {
          id: messageId,
          type: 'message',
          role: 'assistant',
          content: [],
          model: modelOf(request),
          stop_reason: null,
          stop_sequence: null,
          usage: usageOf(answer, 1),
        },
      },
      'message_start',
    );
    writeEvent(res, { type: 'ping' }, 'ping');
    let index = 0;
    if (answer.thinking) {
      writeEvent(
        res,
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
        'content_block_start',
      );
      writeEvent(
        res,
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'thinking_delta', thinking: answer.thinking },
        },
        'content_block_delta',
      );
      writeEvent(
        res,
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' },
        },
        'content_block_delta',
      );
      writeEvent(res, { type: 'content_block_stop', index }, 'content_block_stop');
      index += 1;
    }
    writeEvent(
      res,
      {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '', citations: null },
      },
      'content_block_start',
    );
    for (const part of text) {
      await step();
      writeEvent(
        res,
        { type: 'content_block_delta', index, delta: { type: 'text_delta', text: part } },
        'content_block_delta',
      );
    }
    writeEvent(res, { type: 'content_block_stop', index }, 'content_block_stop');
    await step();
    writeEvent(
      res,
      {
        type: 'message_delta',
        delta: { stop_reason: answer.stopReason ?? 'end_turn', stop_sequence: null },
        usage: { ...usageOf(answer, outputTokens), input_tokens: null },
      },
      'message_delta',
    );
    writeEvent(res, { type: 'message_stop' }, 'message_stop');
    res.end();
  };
}

/** An API error as Anthropic sends it: `{type:'error', error:{type, message}, request_id}`. */
export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return (res) =>
    writeJson(
      res,
      status,
      { type: 'error', error: { type, message }, request_id: 'req_test' },
      { 'request-id': 'req_test', 'x-should-retry': String(status >= 429), ...headers },
    );
}

/** A stream that starts fine and then reports an error event (e.g. overloaded mid-answer). */
export function anthropicStreamError(type: string, message: string): Reply {
  return (res, request) => {
    startEventStream(res);
    writeEvent(
      res,
      {
        type: 'message_start',
        message: {
          id: messageId,
          type: 'message',
          role: 'assistant',
          content: [],
          model: modelOf(request),
          stop_reason: null,
          stop_sequence: null,
          usage: usageOf({}, 1),
        },
      },
      'message_start',
    );
    writeEvent(res, { type: 'error', error: { type, message } }, 'error');
    res.end();
  };
}

/** A stream whose connection drops after the first text delta. */
export function anthropicCutStream(): Reply {
  return async (res, request) => {
    startEventStream(res);
    writeEvent(
      res,
      {
        type: 'message_start',
        message: {
          id: messageId,
          type: 'message',
          role: 'assistant',
          content: [],
          model: modelOf(request),
          stop_reason: null,
          stop_sequence: null,
          usage: usageOf({}, 1),
        },
      },
      'message_start',
    );
    writeEvent(
      res,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      'content_block_start',
    );
    writeEvent(
      res,
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      'content_block_delta',
    );
    await pause(20);
    res.socket?.destroy();
  };
}

/** Answers only after `ms` (or never, if the client gives up first). */
export function slowly(ms: number, then: Reply): Reply {
  return async (res: ServerResponse, request, closed) => {
    const gaveUp = await Promise.race([pause(ms).then(() => false), closed.then(() => true)]);
    if (!gaveUp) await then(res, request, closed);
  };
}

/** A Messages API server; the fallback answers "Hello, world". */
export function startAnthropicServer(): Promise<RecordingServer> {
  return RecordingServer.start(anthropicAnswer());
}
