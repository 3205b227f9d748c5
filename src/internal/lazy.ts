import { devMessage, NotiflowsError } from '../api/errors.js';
import { within } from './within.js';

/** How long a part may take to load, in ms: a stalled network must not leave a button busy. */
export const LAZY_LOAD_MS = 15_000;

/**
 * A part of this package loaded on first use (`load` is a dynamic `import()`, which a site's
 * bundler splits into a file of its own): loaded once, shared by every caller. A load that
 * fails or stalls (offline, a file the site no longer serves) rejects with `network_error`
 * and is tried again by the next call; while the browser says it is offline, none is tried.
 */
export function lazy<T>(load: () => Promise<T>, part: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  const failed = (cause?: unknown) =>
    new NotiflowsError('network_error', devMessage('code_unavailable', part), { cause });
  return () =>
    // Not tried offline: Firefox remembers a failed dynamic import for the page's life
    // (whatwg/html#6768), so a try now would fail every later one too.
    (loading ??= (
      typeof navigator !== 'undefined' && navigator.onLine === false
        ? Promise.reject(failed())
        : within(load(), LAZY_LOAD_MS, failed)
    ).catch((cause: unknown) => {
      loading = undefined;
      throw cause instanceof NotiflowsError ? cause : failed(cause);
    }));
}
