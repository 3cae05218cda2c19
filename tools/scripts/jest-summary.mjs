#!/usr/bin/env node
// Sums up jest --json reports for CI (one per phase of `npm test`): the failed tests by name, then,
// alone on the last line, `N passed, N failed` (`, N skipped` when there are any). Exit 1 on any
// failure, a missing or broken report, or when no test ran. A test file that failed to run (syntax
// error, failing beforeAll, ...) counts as one failure.
// Usage: node tools/scripts/jest-summary.mjs [report.json ...]   (default reports/jest.json)
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['reports/jest.json'];
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
const firstLine = (message = '') =>
  stripAnsi(message)
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('●') && line !== 'Test suite failed to run') ?? '';

const finish = (lines, counts, ok) => {
  for (const line of lines) console.log(line);
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
  console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
  process.exit(ok ? 0 : 1);
};

const lines = [];
const counts = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = existsSync(file) ? `is not valid JSON (${error.message})` : 'does not exist';
    lines.push(`jest report ${file} ${why}: jest did not finish`);
    ok = false;
    continue;
  }
  let brokenFiles = 0;
  for (const suite of report.testResults ?? []) {
    const path = relative(process.cwd(), suite.name);
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed) lines.push(`FAIL ${path} › ${test.fullName}`);
    if (suite.status === 'failed' && failed.length === 0) {
      brokenFiles += 1;
      lines.push(`FAIL ${path} (test file failed: ${firstLine(suite.message)})`);
    }
  }
  const failed = (report.numFailedTests ?? 0) + brokenFiles;
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += failed;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (report.success === false && failed === 0) {
    lines.push(`jest reported the run of ${file} as unsuccessful`);
    ok = false;
  }
}
if (counts.passed + counts.failed === 0) lines.push('jest ran no tests');
finish(lines, counts, ok && counts.failed === 0 && counts.passed > 0);
