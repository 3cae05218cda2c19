import { randomUUID } from 'node:crypto';
import { type Client } from 'pg';

/**
 * Appends `count` events to a followed project one at a time and times each from its INSERT's
 * commit to its SSE frame reaching this client; returns the latencies in ms.
 */
export async function sseLatencies(
  pg: Client,
  schema: string,
  target: { url: string; apiKey: string; projectId: string },
  count: number,
): Promise<number[]> {
  const controller = new AbortController();
  const response = await fetch(`${target.url}/v1/projects/${target.projectId}/events`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${target.apiKey}` },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('the SSE response has no body');
  const decoder = new TextDecoder();
  const arrived = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  let buffer = '';
  const reading = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      for (const [, id] of buffer.matchAll(/^id: (\d+)$/gm)) {
        if (id === undefined || arrived.has(id)) continue;
        arrived.set(id, performance.now());
        waiting.get(id)?.();
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 1);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 500)); // past the replay
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { rows } = await pg.query<{ seq: string }>(
      `INSERT INTO "${schema}".events (id, project_id, type, data)
       VALUES ($1, $2, 'agentbus.workflow.v1.stage.dispatched', '{}') RETURNING seq`,
      [randomUUID(), target.projectId],
    );
    const committed = performance.now();
    const seq = rows[0]?.seq ?? '';
    if (!arrived.has(seq)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        waiting.set(seq, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    latencies.push((arrived.get(seq) ?? Number.NaN) - committed);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  controller.abort();
  await reading;
  return latencies;
}
