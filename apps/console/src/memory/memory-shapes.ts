import { fieldsOf, listOf, numberOf, textOf } from '../api/undocumented-json';

/** One pattern memory found: `GET /v1/memory/search` → `{ hits: [...] }`. */
export interface MemoryHit {
  readonly id: string;
  readonly type: string;
  readonly similarity: number | null;
  readonly successScore: number | null;
  readonly text: string;
  readonly project: string;
}

/** A template memory offers: `GET /v1/memory/templates` → `{ templates: [...] }`. */
export interface MemoryTemplate {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

export const memoryHitsOf = (answer: unknown): MemoryHit[] =>
  listOf(fieldsOf(answer)['hits']).map((raw) => {
    const hit = fieldsOf(raw);
    const metadata = fieldsOf(hit['metadata']);
    return {
      id: textOf(hit['id']),
      type: textOf(hit['type']),
      similarity: numberOf(hit['similarity']) ?? numberOf(hit['score']),
      successScore: numberOf(hit['successScore']),
      text: textOf(hit['text']),
      project: textOf(metadata['projectName']) || textOf(metadata['source']),
    };
  });

export const memoryTemplatesOf = (answer: unknown): MemoryTemplate[] =>
  listOf(fieldsOf(answer)['templates']).map((raw) => {
    const template = fieldsOf(raw);
    return {
      id: textOf(template['id']),
      name: textOf(template['name']) || textOf(template['id']),
      text: textOf(template['text']),
    };
  });
