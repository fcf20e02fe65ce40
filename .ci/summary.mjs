// Prints the one line the CI harness reads, `N passed, N failed`, from the Vitest and Playwright JSON
// reports, and exits non-zero when anything failed. A step that failed without a report (typecheck, lint,
// format, a crash) still counts as one failure, so the line never claims success the exit code denies.
//
// usage: node .ci/summary.mjs --exit-code <status of npm test> --vitest <file> --playwright <file>
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** Vitest's JSON reporter (Jest-compatible shape). A test file that fails to load has no failed test. */
export function countVitest(report) {
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) failed++;
  }
  if (report.success === false && failed === 0) failed = 1;
  return { passed: report.numPassedTests ?? 0, failed };
}

/** Playwright's JSON reporter. Flaky tests passed on a retry; top-level errors (webServer, config) are failures. */
export function countPlaywright(report) {
  const stats = report.stats ?? {};
  let failed = stats.unexpected ?? 0;
  if (failed === 0 && (report.errors ?? []).length > 0) failed = report.errors.length;
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed };
}

/** Counts across reports; `exitCode` is the status of the test command as a whole. */
export function summarize({ exitCode, reports }) {
  let passed = 0;
  let failed = 0;
  const notes = [];
  for (const { name, file, count } of reports) {
    if (!file || !existsSync(file)) {
      notes.push(`${name}: no report at ${file ?? '(unset)'} (the step did not run)`);
      // A green run must have produced every report; a missing one means the harness is broken.
      if (exitCode === 0) failed++;
      continue;
    }
    try {
      const c = count(JSON.parse(readFileSync(file, 'utf8')));
      notes.push(`${name}: ${c.passed} passed, ${c.failed} failed`);
      passed += c.passed;
      failed += c.failed;
    } catch (err) {
      notes.push(
        `${name}: unreadable report ${file}: ${String(err instanceof Error ? err.message : err).replace(/\s+/g, ' ')}`,
      );
      failed++;
    }
  }
  if (exitCode !== 0 && failed === 0) {
    notes.push(`the test command exited with status ${exitCode} outside the test runners`);
    failed = 1;
  }
  return { passed, failed, notes, ok: exitCode === 0 && failed === 0 };
}

function main() {
  const { values } = parseArgs({
    options: {
      'exit-code': { type: 'string', default: '1' },
      vitest: { type: 'string' },
      playwright: { type: 'string' },
    },
  });
  const exitCode = Number.parseInt(values['exit-code'], 10);
  const result = summarize({
    exitCode: Number.isNaN(exitCode) ? 1 : exitCode,
    reports: [
      { name: 'unit (vitest)', file: values.vitest, count: countVitest },
      { name: 'e2e (playwright)', file: values.playwright, count: countPlaywright },
    ],
  });
  for (const note of result.notes) console.log(`summary: ${note}`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exitCode = result.ok ? 0 : 1;
}

main();
