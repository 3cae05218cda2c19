import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { EmbedderUnavailableError } from './embedder';
import { OpenAiCompatibleEmbedder } from './openai-compatible.embedder';

interface Seen {
  readonly auth: string | undefined;
  readonly body: { model: string; input: string[]; encoding_format?: string };
}

/** A local server speaking OpenAI's `POST /v1/embeddings` wire format. */
async function embeddingsServer(
  answer: (seen: Seen) => { status: number; body: unknown },
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const readBody = async (req: IncomingMessage): Promise<string> => {
    let data = '';
    for await (const chunk of req) data += String(chunk);
    return data;
  };
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const entry: Seen = {
        auth: req.headers.authorization,
        body: JSON.parse(raw) as Seen['body'],
      };
      seen.push(entry);
      const { status, body } =
        req.url === '/v1/embeddings' && req.method === 'POST'
          ? answer(entry)
          : { status: 404, body: { error: { message: 'not found' } } };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, seen, server };
}

const openAiAnswer = ({ body }: Seen) => ({
  status: 200,
  body: {
    object: 'list',
    model: body.model,
    // Out of order on purpose: clients must sort by index.
    data: body.input
      .map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 0, 3] }))
      .reverse(),
    usage: { prompt_tokens: 3, total_tokens: 3 },
  },
});

describe(OpenAiCompatibleEmbedder.name, () => {
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    servers = [];
  });

  it('posts the model and inputs in batches with the key, and returns unit vectors in input order', async () => {
    const { url, seen, server } = await embeddingsServer(openAiAnswer);
    servers.push(server);
    const sut = new OpenAiCompatibleEmbedder({
      baseUrl: url,
      model: 'text-embedding-3-small',
      dimension: 3,
      apiKey: 'sk-test',
      batchSize: 2,
    });

    const vectors = await sut.embed(['abcd', 'a', 'abc']);

    expect(sut.name).toBe('openai-compatible:text-embedding-3-small');
    expect(seen.map((s) => s.body.input)).toEqual([['abcd', 'a'], ['abc']]);
    expect(seen[0]).toMatchObject({
      auth: 'Bearer sk-test',
      body: { model: 'text-embedding-3-small', encoding_format: 'float' },
    });
    expect(vectors[0]?.[0]).toBeCloseTo(4 / 5);
    expect(vectors[1]?.[0]).toBeCloseTo(1 / Math.sqrt(10));
    expect(vectors).toHaveLength(3);
  });

  it('refuses vectors of another dimension, naming the setting to change', async () => {
    const { url, server } = await embeddingsServer(openAiAnswer);
    servers.push(server);
    const sut = new OpenAiCompatibleEmbedder({ baseUrl: url, model: 'm', dimension: 768 });
    await expect(sut.embed(['x'])).rejects.toThrow(/3 dimensions, configured 768.*DIMENSION/);
  });

  it('reports 5xx, 429 and an unreachable server as unavailable (retryable), a 401 as not', async () => {
    for (const status of [503, 429]) {
      const { url, server } = await embeddingsServer(() => ({ status, body: { error: {} } }));
      servers.push(server);
      const sut = new OpenAiCompatibleEmbedder({ baseUrl: url, model: 'm', dimension: 3 });
      await expect(sut.embed(['x'])).rejects.toBeInstanceOf(EmbedderUnavailableError);
    }
    const { url, server } = await embeddingsServer(() => ({
      status: 401,
      body: { error: { message: 'Incorrect API key provided' } },
    }));
    servers.push(server);
    const refused = new OpenAiCompatibleEmbedder({ baseUrl: url, model: 'm', dimension: 3 });
    const error = await refused.embed(['x']).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(EmbedderUnavailableError);
    expect(String(error)).toMatch(/401.*Incorrect API key.*MEMORY_EMBEDDINGS_API_KEY/);

    const down = new OpenAiCompatibleEmbedder({
      baseUrl: 'http://127.0.0.1:1/v1',
      model: 'm',
      dimension: 3,
    });
    await expect(down.embed(['x'])).rejects.toBeInstanceOf(EmbedderUnavailableError);
  });
});
