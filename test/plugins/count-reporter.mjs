// Prints `N passed, N failed` as the very last line of the run (WTR's own summary is not).
export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0, failed = 0, skipped = 0;
      const walk = (s) => {
        for (const t of s.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        s.suites.forEach(walk);
      };
      for (const s of sessions) {
        if (s.testResults) walk(s.testResults);
        if (!s.passed && s.errors?.length) failed += s.errors.length;
      }
      process.once('exit', () => process.stdout.write(`\n${passed} passed, ${failed} failed (${skipped} skipped)\n`));
    },
  };
}
