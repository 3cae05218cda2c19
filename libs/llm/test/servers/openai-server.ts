import {
  pause,
  type RecordedRequest,
  RecordingServer,
  type Reply,
  startEventStream,
  writeEvent,
  writeJson,
} from './recording-server';

/** What a scripted chat completion contains. */
export interface OpenAiAnswer {
  readonly text?: readonly string[];
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  readonly cachedTokens?: number;
  readonly finishReason?: string;
  /** Like older Ollama: never send the usage chunk, even when asked. */
  readonly omitUsage?: boolean;
  readonly delayMs?: number;
}

const completionId = 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG';

function modelOf(request: RecordedRequest): string {
  return typeof request.body['model'] === 'string' ? request.body['model'] : 'gpt-test';
}

function usageOf(answer: OpenAiAnswer) {
  const prompt = answer.promptTokens ?? 31;
  const completion = answer.completionTokens ?? 9;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: answer.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

/**
 * Chat completions as OpenAI streams them: a role chunk, content chunks, a chunk with
 * `finish_reason`, then (when `stream_options.include_usage` was sent) a usage chunk with empty
 * `choices`, and `data: [DONE]`. Without `stream: true` the whole completion comes as JSON.
 */
export function openAiAnswer(answer: OpenAiAnswer = {}): Reply {
  return async (res, request) => {
    const text = answer.text ?? ['Hello', ', world'];
    const finish = answer.finishReason ?? 'stop';
    const base = {
      id: completionId,
      created: 1_741_569_952,
      model: modelOf(request),
      system_fingerprint: 'fp_test',
    };
    if (request.body['stream'] !== true) {
      writeJson(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text.join(''), refusal: null },
            logprobs: null,
            finish_reason: finish,
          },
        ],
        ...(answer.omitUsage ? {} : { usage: usageOf(answer) }),
      });
      return;
    }
    const chunk = (choices: unknown[], usage: unknown = null) => ({
      ...base,
      object: 'chat.completion.chunk',
      choices,
      usage,
    });
    startEventStream(res);
    writeEvent(
      res,
      chunk([
        {
          index: 0,
          delta: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: null,
        },
      ]),
    );
    for (const part of text) {
      await pause(answer.delayMs ?? 0);
      writeEvent(
        res,
        chunk([{ index: 0, delta: { content: part }, logprobs: null, finish_reason: null }]),
      );
    }
    writeEvent(res, chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finish }]));
    const options = request.body['stream_options'] as { include_usage?: boolean } | undefined;
    if (options?.include_usage === true && !answer.omitUsage) {
      writeEvent(res, chunk([], usageOf(answer)));
    }
    writeEvent(res, '[DONE]');
    res.end();
  };
}

/** An API error as OpenAI sends it: `{error:{message, type, param, code}}`. */
export function openAiError(
  status: number,
  error: { message: string; type: string; code: string | null },
  headers: Record<string, string> = {},
): Reply {
  return (res) =>
    writeJson(
      res,
      status,
      { error: { ...error, param: null } },
      { 'x-request-id': 'req_test', ...headers },
    );
}

/** A stream that stops after one content chunk, without a finish reason or `[DONE]`. */
export function openAiCutStream(): Reply {
  return async (res, request) => {
    startEventStream(res);
    writeEvent(res, {
      id: completionId,
      object: 'chat.completion.chunk',
      created: 1,
      model: modelOf(request),
      choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
    });
    await pause(20);
    res.socket?.destroy();
  };
}

/** A chat-completions server; the fallback answers "Hello, world". */
export function startOpenAiServer(): Promise<RecordingServer> {
  return RecordingServer.start(openAiAnswer());
}
