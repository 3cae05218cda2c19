import { type StoredDeadLetter } from '@agentbus/messaging';
import { formatTime } from '../output/format';

const REASON_WIDTH = 72;

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The `dlq list` table row of a letter. */
export const deadLetterRow = ({ seq, letter }: StoredDeadLetter): string[] => [
  String(seq),
  formatTime(letter.time),
  letter.data.subject,
  letter.data.consumer,
  String(letter.data.deliveryCount),
  oneLine(`${letter.data.errorName}: ${letter.data.reason}`, REASON_WIDTH),
];

export const DEAD_LETTER_HEADER = [
  'SEQ',
  'DEAD-LETTERED (UTC)',
  'SUBJECT',
  'CONSUMER',
  'N',
  'REASON',
];

/**
 * One `dlq list --json` line: the letter without its payload bytes. `correlationId` is the
 * original's (its project) when the original was readable.
 */
export function deadLetterJson({ seq, letter }: StoredDeadLetter): string {
  const { headers: _headers, payloadBase64: _payload, ...data } = letter.data;
  const { id, time, correlationId } = letter;
  return JSON.stringify({ seq, id, time, correlationId, ...data });
}

/** Everything about one letter, the payload decoded (pretty JSON when it parses). */
export function deadLetterDetail({ seq, letter }: StoredDeadLetter): string[] {
  const { data } = letter;
  const lines = [
    `dead letter ${seq}  (id ${letter.id})`,
    `  dead-lettered  ${letter.time} by ${letter.source}`,
    `  subject        ${data.subject}`,
    `  from           stream ${data.stream}, sequence ${data.streamSequence}`,
    `  consumer       ${data.consumer}, after ${data.deliveryCount} ${data.deliveryCount === 1 ? 'delivery' : 'deliveries'}`,
    `  error          ${data.errorName}: ${data.reason}`,
  ];
  if (data.originalId !== undefined) lines.push(`  original id    ${data.originalId}`);
  lines.push('  headers');
  for (const [key, values] of Object.entries(data.headers)) {
    for (const value of values) lines.push(`    ${key}: ${value}`);
  }
  lines.push('  payload');
  lines.push(...payloadText(data.payloadBase64).map((line) => `    ${line}`));
  return lines;
}

function payloadText(base64: string): string[] {
  if (base64 === '') return ['(none: the original was gone from its stream)'];
  const text = Buffer.from(base64, 'base64').toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split('\n');
  } catch {
    return text.split('\n');
  }
}
