import { z } from 'zod';

import { generateFromJsonSchema } from './generate-from-json-schema';
import { matchesJsonSchema } from './json-schema-check';

const requirements = `Build a recipe sharing app for home cooks.
- Users sign up with email and keep a private recipe box.
- Recipes have ingredients, steps and photos; anyone can rate a recipe.
- Search recipes by ingredient, cuisine and cooking time.
- Admins moderate reported recipes within one day.`;

/** Generates from the zod schema's JSON Schema and parses the result with the zod schema itself. */
function roundTrip<T extends z.ZodType>(schema: T, seed: number | string = 1): z.infer<T> {
  const value = generateFromJsonSchema(z.toJSONSchema(schema), requirements, seed);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`${JSON.stringify(value, null, 2)}\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const Feature = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(3).max(60),
  description: z.string(),
  priority: z.enum(['must', 'should', 'could']),
  acceptanceCriteria: z.array(z.string().min(10)).min(1).max(5),
  estimateDays: z.number().int().positive().max(30).optional(),
});

const Prd = z.strictObject({
  title: z.string(),
  summary: z.string().max(400),
  features: z.array(Feature).min(3),
  risks: z.array(z.strictObject({ risk: z.string(), mitigation: z.string() })).optional(),
  labels: z.record(z.string(), z.string()),
  status: z.literal('draft'),
});

describe(generateFromJsonSchema.name, () => {
  it('fills an agent-style strict schema with content from the requirements', () => {
    const prd = roundTrip(Prd);
    expect(prd.features.length).toBeGreaterThanOrEqual(3);
    expect(prd.features.length).toBeLessThanOrEqual(4);
    expect(prd.summary).toMatch(/\(generated offline\)$/);
    expect(prd.features[0]?.description).toMatch(/\(generated offline\)$/);
    expect(JSON.stringify(prd)).toMatch(/recipe|ingredient|cuisine/i);
    expect(prd.risks?.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(prd.labels).length).toBeGreaterThanOrEqual(2);
  });

  it('is deterministic for the same seed and varies with it', () => {
    const schema = z.toJSONSchema(Prd);
    const a = generateFromJsonSchema(schema, requirements, 'run-1');
    expect(generateFromJsonSchema(schema, requirements, 'run-1')).toEqual(a);
    expect(generateFromJsonSchema(schema, requirements, 'run-2')).not.toEqual(a);
  });

  it.each([
    ['uuid', z.uuid()],
    ['guid', z.guid()],
    ['email', z.email()],
    ['datetime', z.iso.datetime()],
    ['datetime with offset', z.iso.datetime({ offset: true })],
    ['date', z.iso.date()],
    ['time', z.iso.time()],
    ['duration', z.iso.duration()],
    ['url', z.url()],
    ['ipv4', z.ipv4()],
    ['ipv6', z.ipv6()],
    ['cuid', z.cuid()],
    ['cuid2', z.cuid2()],
    ['ulid', z.ulid()],
    ['nanoid', z.nanoid()],
    ['base64', z.base64()],
    ['emoji', z.emoji()],
    ['e164', z.e164()],
    ['sha-256 hex', z.string().regex(/^[a-f0-9]{64}$/)],
    ['ticket key', z.string().regex(/^[A-Z]{2,4}-\d{1,5}$/)],
    ['semver', z.string().regex(/^v?\d+\.\d+\.\d+$/)],
    ['alternation', z.string().regex(/^(draft|review|final)$/)],
    ['kebab slug', z.string().regex(/^[a-z][a-z0-9-]*$/)],
    ['no spaces', z.string().regex(/^\S+$/)],
    ['negated class', z.string().regex(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/)],
    ['long text', z.string().min(300)],
    ['short text', z.string().max(8)],
    ['exact length', z.string().length(12)],
  ])('produces a valid %s string', (_, schema) => {
    expect(typeof roundTrip(schema)).toBe('string');
  });

  it.each([
    ['bounded integer', z.number().int().min(3).max(5)],
    ['positive integer', z.int().positive()],
    ['any safe integer', z.int()],
    ['negative only', z.number().max(-5)],
    ['open unit interval', z.number().gt(0).lt(1)],
    ['tiny open interval', z.number().gt(0).lt(0.001)],
    ['multiple of 5 above 12', z.number().multipleOf(5).min(12)],
    ['cents', z.number().multipleOf(0.01).min(0).max(2)],
    ['large minimum', z.number().int().min(1000)],
  ])('produces a valid number: %s', (_, schema) => {
    expect(typeof roundTrip(schema)).toBe('number');
  });

  it.each([
    ['2–4 items by default', z.array(z.string()), 2, 4],
    ['at least 5', z.array(z.string()).min(5), 5, 5],
    ['at most 1', z.array(z.number()).max(1), 1, 1],
    ['exactly 3', z.array(z.boolean()).length(3), 3, 3],
    ['non-empty', z.array(z.string()).nonempty(), 2, 4],
    ['tuple', z.tuple([z.string(), z.number(), z.boolean()]), 3, 3],
  ])('honours array bounds: %s', (_, schema, min, max) => {
    const value = roundTrip(schema) as unknown[];
    expect(value.length).toBeGreaterThanOrEqual(min);
    expect(value.length).toBeLessThanOrEqual(max);
  });

  it('fills records, including records keyed by an enum or a pattern', () => {
    roundTrip(z.record(z.string(), z.number()));
    expect(Object.keys(roundTrip(z.record(z.enum(['dev', 'prod']), z.url())))).toEqual([
      'dev',
      'prod',
    ]);
    roundTrip(z.record(z.string().regex(/^[a-z]+(_[a-z]+)*$/), z.array(z.string()).max(2)));
  });

  it('picks the first union branch that fits', () => {
    const Shape = z.union([
      z.strictObject({ kind: z.literal('circle'), radius: z.number().positive() }),
      z.strictObject({ kind: z.literal('square'), side: z.number().positive() }),
    ]);
    expect(roundTrip(Shape)).toMatchObject({ kind: 'circle' });
    const Event = z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('created'), at: z.iso.datetime() }),
      z.strictObject({ type: z.literal('deleted'), reason: z.string() }),
    ]);
    expect(roundTrip(Event)).toMatchObject({ type: 'created' });
    expect(typeof roundTrip(z.string().nullable())).toBe('string');
    expect(typeof roundTrip(z.xor([z.string().min(3), z.number()]))).toBe('string');
    roundTrip(z.union([z.literal('a'), z.literal('b')]));
    roundTrip(z.union([z.string().regex(/^\d+$/), z.number()]));
  });

  it('follows recursive $defs and stops at a sensible depth', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.strictObject({
      name: z.string(),
      get children() {
        return z.array(Tree).max(3);
      },
    });
    const root = roundTrip(z.strictObject({ root: Tree })).root;
    expect(root.children.length).toBeGreaterThanOrEqual(2);
  });

  it('handles optional fields, defaults, booleans, nulls and enums of mixed type', () => {
    roundTrip(
      z.strictObject({
        note: z.string().optional(),
        retries: z.number().int().min(0).default(3),
        enabled: z.boolean(),
        nothing: z.null(),
        level: z.enum(['low', 'high']).nullable(),
        any: z.unknown(),
      }),
    );
  });

  it('understands hand-written draft-07 schemas: definitions, allOf, boolean exclusives', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: {
        named: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        score: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
      },
      allOf: [
        { $ref: '#/definitions/named' },
        {
          properties: {
            score: { $ref: '#/definitions/score' },
            tags: {
              type: 'array',
              items: { enum: ['a', 'b', 'c'] },
              uniqueItems: true,
              minItems: 3,
            },
            pair: {
              type: 'array',
              items: [{ type: 'string' }, { type: 'integer' }],
              additionalItems: false,
            },
            extra: { type: ['string', 'null'], maxLength: 5 },
          },
          required: ['score', 'tags', 'pair'],
        },
      ],
    };
    const value = generateFromJsonSchema(schema, requirements, 7);
    expect(matchesJsonSchema(value, schema)).toBe(true);
    expect(value).toMatchObject({
      name: expect.any(String),
      pair: [expect.any(String), expect.any(Number)],
    });
    expect(new Set((value as { tags: string[] }).tags).size).toBe(3);
  });

  it('still produces something without requirements', () => {
    const value = generateFromJsonSchema(z.toJSONSchema(Prd), '', 0);
    expect(Prd.safeParse(value).success).toBe(true);
  });
});
