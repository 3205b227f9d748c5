/**
 * A named e2e step for one engine: runs it, records the outcome in `results`, prints one
 * line, and on failure calls `onFailure` (a screenshot) without stopping the run.
 * @param {string} engine
 * @param {{ engine: string, name: string, ok: boolean }[]} results
 * @param {(name: string) => Promise<unknown>} [onFailure]
 */
export const stepper = (engine, results, onFailure) => async (name, fn) => {
  const started = Date.now();
  try {
    await fn();
    results.push({ engine, name, ok: true });
    console.log(`  ✓ ${engine}: ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ engine, name, ok: false });
    console.log(`  ✗ ${engine}: ${name}\n    ${error.stack ?? error}`);
    await onFailure?.(name).catch(() => undefined);
  }
};
