import { NotiflowsError } from '../api/errors.js';

const preflighted = new Set<string>();

/**
 * Checks once that the worker URL serves JavaScript: a 404, a redirect or an HTML
 * fallback page (single-page apps) each become one readable `service_worker_failed`.
 */
export async function preflightWorker(url: string): Promise<void> {
  const absolute = new URL(url, location.href).href;
  if (preflighted.has(absolute)) return;
  const fail = (why: string, cause?: unknown) =>
    new NotiflowsError(
      'service_worker_failed',
      `The service worker at ${absolute} ${why}. Host dist/notiflows-sw.js there, or set sw-url.`,
      { cause },
    );
  let response: Response;
  try {
    response = await fetch(absolute, { cache: 'no-store', credentials: 'same-origin' });
  } catch (cause) {
    throw fail('could not be fetched', cause);
  }
  if (!response.ok) throw fail(`answered HTTP ${response.status}`);
  if (response.redirected)
    throw fail(`redirects to ${response.url} (service workers cannot be redirected)`);
  const type = response.headers.get('content-type') ?? '';
  const start = (await response.text()).trimStart().slice(0, 1);
  if (!/javascript|ecmascript/i.test(type) || start === '<') {
    throw fail(
      `is served as ${type || 'an unknown type'}, not JavaScript (is it an HTML fallback page?)`,
    );
  }
  preflighted.add(absolute);
}

/** Registers our worker at our scope and waits for that registration to activate. */
export async function registerWorker(
  url: string,
  scope: string,
  timeoutMs: number,
): Promise<ServiceWorkerRegistration> {
  let registration: ServiceWorkerRegistration;
  try {
    registration = await navigator.serviceWorker.register(url, { scope, updateViaCache: 'none' });
  } catch (cause) {
    throw new NotiflowsError(
      'service_worker_failed',
      `The service worker could not be registered: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
  if (registration.active) return registration;
  const worker = registration.installing ?? registration.waiting;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        done(
          new NotiflowsError(
            'service_worker_failed',
            `The service worker did not activate within ${timeoutMs} ms.`,
          ),
        ),
      timeoutMs,
    );
    const done = (error?: Error) => {
      clearTimeout(timer);
      worker?.removeEventListener('statechange', check);
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      if (registration.active) done();
      else if (worker?.state === 'redundant')
        done(
          new NotiflowsError(
            'service_worker_failed',
            'The service worker failed to install (it threw while starting).',
          ),
        );
    };
    worker?.addEventListener('statechange', check);
    check();
  });
  return registration;
}
