// How a request of the user API goes out (src/api/requests.ts): the tries, their timeouts and
// backoff, the auth headers, the error envelope.
import { noteServerTime } from '../internal/clock.js';
import { within } from '../internal/within.js';
import {
  codeForStatus,
  devMessage,
  NotiflowsError,
  toNotiflowsError,
  type FieldError,
} from './errors.js';
import type { RequestOptions, RetryOptions } from './client-base.js';
import { providerTimedOut, type UserKeyManager } from './user-key.js';

/** What a request needs of its client. */
export interface Transport {
  apiUrl: string;
  apiKey: string;
  auth: UserKeyManager;
  timeout: number;
  retry: RetryOptions;
  fetch: typeof fetch;
}

/** One call: tried, retried and parsed as {@link RequestOptions} say. */
export async function request<T>(
  c: Transport,
  method: string,
  path: string,
  body: unknown,
  parse: (json: unknown, requestId?: string) => T,
  options: RequestOptions = {},
): Promise<T> {
  const { signal, deadline } = options;
  const attempts = options.retry === false ? 1 : c.retry.attempts;
  const started = Date.now();
  // A deadline bounds every try's timeout and the retries together.
  const left = () => (deadline ?? Infinity) - (Date.now() - started);
  let refreshKey = false;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let error: NotiflowsError;
    try {
      const response = await send(c, method, path, body, refreshKey, options, left());
      if (response.ok) return parse(response.json, response.requestId);
      error = errorFromResponse(
        response.status,
        response.json,
        response.requestId,
        response.retryAfterHeader,
      );
      if (response.status === 401 && !refreshed && c.auth.canRefresh) {
        // One fresh key from the provider, one more try; not counted as a retry.
        refreshKey = refreshed = true;
        attempt--;
        continue;
      }
    } catch (thrown) {
      if (signal?.aborted) throw signal.reason;
      error = toNotiflowsError(thrown, 'network_error');
    }
    refreshKey = false;
    if (!error.transient || attempt >= attempts) throw error;
    const wait = backoff(attempt, c.retry, error.retryAfter);
    if (Date.now() - started + wait > c.retry.maxElapsed || wait >= left()) throw error;
    await sleep(wait, signal);
  }
}

async function send(
  c: Transport,
  method: string,
  path: string,
  body: unknown,
  refreshKey: boolean,
  { signal, keepalive }: RequestOptions,
  timeLeft: number,
) {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-notiflows-api-key': c.apiKey,
    ...(await within(c.auth.headers(refreshKey, keepalive), timeLeft, providerTimedOut)),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const ms = Math.min(c.timeout, timeLeft);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await c.fetch(`${c.apiUrl}${path}`, {
      method,
      headers,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      keepalive,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    noteServerTime(Date.parse(response.headers.get('date') ?? ''));
    const text = await response.text();
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let json: unknown;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch (cause) {
        if (response.ok)
          throw new NotiflowsError(
            'invalid_response',
            devMessage('not_json', `${method} ${path}`),
            { status: response.status, requestId, cause },
          );
      }
    }
    return {
      ok: response.ok,
      status: response.status,
      json,
      requestId,
      retryAfterHeader: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (timedOut)
      throw new NotiflowsError(
        'timeout',
        devMessage('request_timeout', `${method} ${path} within ${ms} ms`),
        { cause: error },
      );
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Reads the documented envelope `{error: {code, message, status, request_id, details}}`. */
export function errorFromResponse(
  status: number,
  json: unknown,
  headerRequestId?: string,
  retryAfterHeader?: string | null,
): NotiflowsError {
  const envelope = (json as { error?: Record<string, unknown> } | undefined)?.error;
  const body = typeof envelope === 'object' && envelope !== null ? envelope : {};
  const details = (
    typeof body.details === 'object' && body.details !== null ? body.details : {}
  ) as Record<string, unknown>;
  const serverCode = typeof body.code === 'string' ? body.code : undefined;
  const code = codeForStatus(status) ?? serverCode ?? 'invalid_response';
  const message =
    typeof body.message === 'string' ? body.message : devMessage('http_status', status);
  const requestId = typeof body.request_id === 'string' ? body.request_id : headerRequestId;
  const fields = Array.isArray(details.fields) ? (details.fields as FieldError[]) : undefined;
  return new NotiflowsError(code, message, {
    status,
    requestId,
    fields,
    details,
    retryAfter: retryAfterSeconds(details.retry_after, retryAfterHeader),
  });
}

function retryAfterSeconds(detail: unknown, header?: string | null): number | undefined {
  if (typeof detail === 'number' && detail >= 0) return detail;
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Exponential backoff with "equal jitter"; a server's Retry-After wins when longer. */
export function backoff(attempt: number, retry: RetryOptions, retryAfter?: number): number {
  const exp = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (attempt - 1));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return retryAfter === undefined ? jittered : Math.max(retryAfter * 1000, jittered);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
