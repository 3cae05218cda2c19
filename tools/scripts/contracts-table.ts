// Regenerates the subject/stream/consumer table in libs/contracts/README.md from the contracts
// themselves, so the documentation cannot drift from the code. `--check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ALL_CONSUMERS, ALL_STREAMS, allMessages, parseSubject } from '../../libs/contracts/src';

const readmePath = join(__dirname, '../../libs/contracts/README.md');
const BEGIN = '<!-- contracts-table:begin -->';
const END = '<!-- contracts-table:end -->';

function table(): string {
  const streams = ALL_STREAMS.map(
    (s) =>
      `| \`${s.name}\` | \`${s.subjects.join(', ')}\` | ${s.retention}, ${s.maxAgeMs / 86_400_000} d | ${s.why} |`,
  );
  const messages = allMessages().map((m) => {
    const { domain } = parseSubject(m.subject);
    const consumers = ALL_CONSUMERS.filter((c) => c.message.subject === m.subject)
      .map((c) => `\`${c.durable}\``)
      .join(', ');
    const stream = domain === 'rpc' ? 'request/reply' : `AGENTBUS_${domain.toUpperCase()}`;
    return `| \`${m.subject}\` | ${m.kind} | ${stream} | ${consumers || '—'} | ${m.description} |`;
  });
  return [
    '| stream | subjects | retention | why |',
    '|---|---|---|---|',
    ...streams,
    '',
    '| subject | kind | stream | durables | meaning |',
    '|---|---|---|---|---|',
    ...messages,
  ].join('\n');
}

async function main(): Promise<void> {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`markers ${BEGIN} / ${END} missing in ${readmePath}`);
  // Formatted like the rest of the repo, so `prettier --check` and this check agree.
  const next = await format(
    `${readme.slice(0, start + BEGIN.length)}\n${table()}\n${readme.slice(end)}`,
    {
      ...(await resolveConfig(readmePath)),
      filepath: readmePath,
    },
  );
  if (!process.argv.includes('--check')) {
    writeFileSync(readmePath, next);
  } else if (next !== readme) {
    console.error('libs/contracts/README.md is stale: run `npx nx run contracts:docs`');
    process.exit(1);
  }
}

void main();
