import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ALL_CONSUMERS,
  allMessages,
  allQueries,
  messageFor,
  parseEnvelope,
  parseSubject,
  streamFor,
} from '@agentbus/contracts';
import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { asyncApiDocument } from '../../scripts/asyncapi/asyncapi-document';

const ROOT = join(__dirname, '../../..');
const ASYNCAPI_PATH = join(ROOT, 'docs/asyncapi.yaml');

interface ComponentMessage {
  title: string;
  headers?: { $ref: string };
  payload: { $ref: string };
  examples: { headers?: Record<string, unknown>; payload: unknown }[];
}

interface RawDocument {
  channels: Record<string, { address: string | null; 'x-agentbus-stream'?: string }>;
  components: { messages: Record<string, ComponentMessage>; schemas: Record<string, unknown> };
}

const committed = readFileSync(ASYNCAPI_PATH, 'utf8');
const raw = parse(committed) as RawDocument;

/** Validators of the document's own schemas, `$ref`s resolved inside the document. */
function schemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(raw, 'asyncapi');
  return (pointer: string) => {
    const validate = ajv.getSchema(`asyncapi${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return (value: unknown) => validate(value) as boolean;
  };
}

describe('docs/asyncapi.yaml', () => {
  let document: AsyncAPIDocumentInterface;

  beforeAll(async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(committed);
    const problems = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
    expect(problems.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    if (!parsed) throw new Error('the AsyncAPI parser returned no document');
    document = parsed;
  }, 60_000);

  it('describes the contracts as they are now (else run `npx nx run contracts:docs`)', () => {
    const { version } = JSON.parse(
      readFileSync(join(ROOT, 'libs/contracts/package.json'), 'utf8'),
    ) as { version: string };
    expect(raw).toEqual(asyncApiDocument(version));
  });

  it('is what the contracts generate (the CI drift check passes)', async () => {
    // The check CI runs (contracts:docs:check); prettier, which renders it, needs a real Node ESM
    // loader, so it runs in its own process. It exits 1 when the committed file is stale.
    const check = promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/scripts/asyncapi.ts', '--check'],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'libs/contracts/tsconfig.json' } },
    );
    await expect(check).resolves.toBeDefined();
  }, 60_000);

  it('is AsyncAPI 3 with a channel for every contract subject and nothing else', () => {
    expect(document.version()).toMatch(/^3\./);
    const addresses = document
      .channels()
      .all()
      .map((channel) => channel.address());
    const subjects = allMessages().map((message) => message.subject);
    expect(addresses.filter((address) => address !== null && address !== undefined).sort()).toEqual(
      [...subjects].sort(),
    );
    // The only addressless channels are the replies of request/reply queries (the asker's inbox).
    expect(addresses.filter((address) => address === null || address === undefined)).toHaveLength(
      allQueries().length,
    );
  });

  it('names the stream of every streamed subject', () => {
    for (const channel of Object.values(raw.channels)) {
      if (channel.address === null) continue;
      const expected =
        parseSubject(channel.address).domain === 'rpc'
          ? undefined
          : streamFor(channel.address).name;
      expect({ subject: channel.address, stream: channel['x-agentbus-stream'] }).toEqual({
        subject: channel.address,
        stream: expected,
      });
    }
  });

  it('has a receive operation per durable, a send per published message, a reply per query', () => {
    const operations = new Map(
      document
        .operations()
        .all()
        .map((op) => [
          op.id(),
          { action: op.action(), address: op.channels().all()[0]?.address() },
        ]),
    );
    for (const consumer of ALL_CONSUMERS) {
      expect(operations.get(`receive.${consumer.durable}`)).toEqual({
        action: 'receive',
        address: consumer.message.subject,
      });
    }
    for (const message of allMessages()) {
      const published = parseSubject(message.subject).domain !== 'rpc' && !message.eventLogOnly;
      const send = operations.get(`send.${message.subject.replace(/^agentbus\./, '')}`);
      expect({ subject: message.subject, send }).toEqual({
        subject: message.subject,
        send: published ? { action: 'send', address: message.subject } : undefined,
      });
    }
    for (const query of allQueries()) {
      const op = document
        .operations()
        .all()
        .find(
          (candidate) => candidate.id() === `receive.${query.subject.slice('agentbus.'.length)}`,
        );
      expect(op?.reply()?.messages().all()).toHaveLength(1);
    }
  });

  it('has examples that its schemas and the zod contracts both accept', () => {
    const validator = schemaValidator();
    const messages = Object.values(raw.components.messages);
    expect(messages.length).toBe(allMessages().length + allQueries().length);
    for (const message of messages) {
      const payloadOk = validator(message.payload.$ref);
      const headersOk = message.headers ? validator(message.headers.$ref) : undefined;
      expect(message.examples.length).toBeGreaterThan(0);
      for (const example of message.examples) {
        expect({ title: message.title, valid: payloadOk(example.payload) }).toEqual({
          title: message.title,
          valid: true,
        });
        if (headersOk) expect(headersOk(example.headers ?? {})).toBe(true);
        const query = allQueries().find((q) => message.title === `reply to ${q.subject}`);
        if (query) {
          expect(query.reply.safeParse(example.payload).success).toBe(true);
          continue;
        }
        const definition = messageFor(message.title);
        if (!definition) throw new Error(`${message.title} is not a contract subject`);
        expect(() => parseEnvelope(definition, example.payload)).not.toThrow();
      }
    }
  });

  it('has payload schemas that refuse what the contracts refuse', () => {
    const validator = schemaValidator();
    for (const message of allMessages()) {
      const component = Object.values(raw.components.messages).find(
        (candidate) => candidate.title === message.subject,
      );
      if (!component?.examples[0]) throw new Error(`${message.subject} has no example`);
      const valid = validator(component.payload.$ref);
      const good = component.examples[0].payload as Record<string, unknown>;
      const { data: _data, ...withoutData } = good;
      const broken = [
        withoutData,
        { ...good, extra: true },
        { ...good, type: 'agentbus.workflow.v1.something.else' },
        { ...good, id: 'not-a-uuid' },
        { ...good, data: { ...(good['data'] as object), unexpected: 1 } },
      ];
      for (const candidate of broken) {
        expect({ subject: message.subject, candidate, valid: valid(candidate) }).toEqual({
          subject: message.subject,
          candidate,
          valid: false,
        });
        expect(() => parseEnvelope(message, candidate)).toThrow();
      }
    }
  });
});
