import { devMessage, NotiflowsError } from '../api/errors.js';
import type { MessageId } from '../api/messages.js';
import { pageUrl } from './registration-store.js';

const preflighted = new Set<string>();

/**
 * Checks once that the worker URL serves JavaScript: a 404, a redirect or an HTML
 * fallback page (single-page apps) each become one readable `service_worker_failed`.
 */
export async function preflightWorker(url: string): Promise<void> {
  const absolute = pageUrl(url);
  if (preflighted.has(absolute)) return;
  const fail = (why: MessageId, detail = absolute, cause?: unknown) =>
    new NotiflowsError('service_worker_failed', devMessage(why, detail), { cause });
  let response: Response;
  try {
    response = await fetch(absolute, { cache: 'no-store', credentials: 'same-origin' });
  } catch (cause) {
    throw fail('worker_unreachable', absolute, cause);
  }
  if (!response.ok) throw fail('worker_status', `${absolute} (HTTP ${response.status})`);
  if (response.redirected) throw fail('worker_redirect', `${absolute} (to ${response.url})`);
  const type = response.headers.get('content-type') ?? '';
  const start = (await response.text()).trimStart().slice(0, 1);
  if (!/javascript|ecmascript/i.test(type) || start === '<') {
    throw fail('worker_not_js', `${absolute} (${type || 'no type'})`);
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
      devMessage('worker_register', (cause as Error)?.message ?? String(cause)),
      { cause },
    );
  }
  if (registration.active) return registration;
  const worker = registration.installing ?? registration.waiting;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        done(new NotiflowsError('service_worker_failed', devMessage('worker_activate', timeoutMs))),
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
        done(new NotiflowsError('service_worker_failed', devMessage('worker_install')));
    };
    worker?.addEventListener('statechange', check);
    check();
  });
  return registration;
}
