import { delay, HttpResponse } from 'msw';
import type { Fault, LoggedRequest } from './fake-notiflows.js';
import { ApiError, errorResponse } from './http.js';

/** A step of a request where a fault may strike. */
type Step = NonNullable<Fault['when']>;

/**
 * The answer of the fault injected for this step of the request, if one matches (it is used
 * up once its `times` are); undefined to go on: no fault, or a delay alone. The log entry
 * names the fault.
 */
export async function strike(
  faults: Fault[],
  entry: LoggedRequest,
  when: Step,
): Promise<Response | undefined> {
  const fault = take(faults, entry, when);
  if (!fault) return undefined;
  entry.fault = fault.drop
    ? 'drop'
    : fault.rawBody !== undefined
      ? 'raw'
      : fault.status
        ? String(fault.status)
        : 'delay';
  if (fault.delay) await delay(fault.delay);
  if (fault.drop) return HttpResponse.error();
  if (fault.rawBody !== undefined)
    return new HttpResponse(fault.rawBody, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  if (!fault.status) return undefined;
  const code =
    fault.status === 429
      ? 'rate_limited'
      : fault.status >= 500
        ? 'internal_error'
        : 'injected_fault';
  const details = fault.retryAfter === undefined ? {} : { retry_after: fault.retryAfter };
  return errorResponse(
    new ApiError(fault.status, code, 'Injected fault', details),
    entry.requestId,
  );
}

function take(faults: Fault[], entry: LoggedRequest, when: Step): Fault | undefined {
  const i = faults.findIndex(
    (f) =>
      (f.when ?? 'received') === when &&
      (!f.method || f.method.toUpperCase() === entry.method) &&
      (!f.path ||
        (typeof f.path === 'string' ? entry.path.endsWith(f.path) : f.path.test(entry.path))),
  );
  if (i < 0) return undefined;
  const fault = faults[i];
  if (--fault.times! <= 0) faults.splice(i, 1);
  return fault;
}
