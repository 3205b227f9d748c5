import { HttpResponse, type JsonBodyType } from 'msw';
import type { FieldError } from '../api/errors.js';

// What the fake answers: JSON, and Notiflows' error envelope for every refusal.

/**
 * A refusal, answered with Notiflows' error envelope ({@link errorResponse}): thrown anywhere
 * a request is handled.
 *
 * @example
 * throw new ApiError(403, 'forbidden', 'Origin not allowed', { reason: 'origin_not_allowed' });
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Seconds to wait, for a 429: `details.retry_after`, also sent as `Retry-After`. */
  get retryAfter(): number | undefined {
    return typeof this.details.retry_after === 'number' ? this.details.retry_after : undefined;
  }
}

/** 422 `validation_failed`, naming each field at fault. */
export const invalid = (fields: FieldError[]) =>
  new ApiError(422, 'validation_failed', 'Validation failed', { fields });

/** 404 `not_found` of one resource; `label` names it in the message (default: the resource). */
export const notFound = (resource: string, id: string, label = resource) =>
  new ApiError(404, 'not_found', `${label[0].toUpperCase()}${label.slice(1)} not found`, {
    resource,
    id,
  });

/** 400 `bad_request`: a body that is not JSON, or none where one is needed. */
export const invalidJson = () =>
  new ApiError(400, 'bad_request', 'Invalid JSON', { reason: 'invalid_json' });

/** A JSON answer. */
export function json(body: unknown, status = 200): Response {
  return HttpResponse.json(body as JsonBodyType, { status });
}

/** 204, no body. */
export const noContent = (): Response => new HttpResponse(null, { status: 204 });

/** Notiflows' error envelope for `error`, with `Retry-After` when it says how long to wait. */
export function errorResponse(error: ApiError, requestId: string): Response {
  const response = HttpResponse.json(
    {
      error: {
        type: `https://docs.notiflows.com/errors/${error.code}`,
        code: error.code,
        message: error.message,
        status: error.status,
        request_id: requestId,
        details: error.details,
      },
    },
    { status: error.status, headers: { 'x-request-id': requestId } },
  );
  if (error.retryAfter !== undefined) response.headers.set('retry-after', String(error.retryAfter));
  return response;
}

/** A request's JSON body, `undefined` when empty; malformed JSON is a 400 `invalid_json`. */
export async function readBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}
