// Prints `N passed, N failed` as the very last line of the run (WTR's own summary is not),
// after one line per engine.
export function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const engines = new Map();
      for (const s of sessions) {
        const name = s.browser.name;
        const c = engines.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
        const walk = (r) => {
          for (const t of r.tests) c[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
          r.suites.forEach(walk);
        };
        if (s.testResults) walk(s.testResults);
        if (!s.passed && s.errors?.length) c.failed += s.errors.length;
        engines.set(name, c);
      }
      const total = { passed: 0, failed: 0, skipped: 0 };
      const lines = [...engines].map(([name, c]) => {
        for (const k of Object.keys(total)) total[k] += c[k];
        return `${name}: ${c.passed} passed, ${c.failed} failed (${c.skipped} skipped)`;
      });
      process.once('exit', () =>
        process.stdout.write(
          `\n${lines.join('\n')}\n${total.passed} passed, ${total.failed} failed (${total.skipped} skipped) in ${[...engines.keys()].join(', ')}\n`,
        ),
      );
    },
  };
}
