import { MESSAGES, type MessageId } from './messages.js';

/**
 * Every failure this package reports is a `NotiflowsError` with a stable `code`.
 * Codes are part of the public surface: match on `code`, never on `message`.
 */
export type NotiflowsErrorCode =
  | 'invalid_config'
  | 'secret_key_in_browser'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'rate_limited'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  | 'invalid_response'
  | 'push_unsupported'
  | 'push_denied'
  | 'push_service_error'
  | 'service_worker_failed'
  // Any other code the server sends (e.g. `bad_request`, `conflict`) is passed through.
  | (string & {});

/** One field-level problem, as sent by the server in `error.details.fields`. */
export interface FieldError {
  field: string;
  message: string;
  reason?: string;
}

/** What a {@link NotiflowsError} carries besides its code and message (the fields of the same names, and `cause`). */
export interface NotiflowsErrorInit {
  status?: number;
  requestId?: string;
  fields?: FieldError[];
  retryAfter?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

const TRANSIENT: ReadonlySet<string> = new Set([
  'network_error',
  'timeout',
  'server_error',
  'rate_limited',
]);

/**
 * Every failure this package reports: what `NotiflowsClient` calls reject with (aborts aside),
 * `PushSubscriber.error`, and the `detail.error` of `notiflows-error`. `code` says what
 * went wrong, `transient` whether the same request may succeed later, and `requestId` is
 * what Notiflows support asks for.
 *
 * @example
 * try {
 *   await client.updatePreferences({ channel_types: { sms: false } });
 * } catch (error) {
 *   if (!(error instanceof NotiflowsError)) throw error;
 *   if (error.code === 'validation_failed') console.warn(error.fields);
 *   else if (!error.transient) console.error(error.code, error.requestId);
 * }
 */
export class NotiflowsError extends Error {
  /** Always `'NotiflowsError'`, so it survives minification (unlike the class name). */
  override readonly name = 'NotiflowsError';
  /**
   * What went wrong, stable across versions: match on it, never on `message`. A code the
   * server sends for a status this package does not map (e.g. `conflict`) passes through.
   */
  readonly code: NotiflowsErrorCode;
  /** HTTP status, when the error came from a response. */
  readonly status?: number;
  /** `request_id` of the response (body or `x-request-id` header); quote it to support. */
  readonly requestId?: string;
  /** Field-level validation problems (`validation_failed`). */
  readonly fields?: FieldError[];
  /** Seconds the server asked us to wait (`rate_limited`). */
  readonly retryAfter?: number;
  /** The server's `error.details`, untouched. */
  readonly details?: Record<string, unknown>;

  constructor(code: NotiflowsErrorCode, message: string, init: NotiflowsErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.fields = init.fields;
    this.retryAfter = init.retryAfter;
    this.details = init.details;
  }

  /** True when the same request may succeed later (network, timeout, 5xx, 429). */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

/** Our stable code for an HTTP status; `undefined` keeps the server's own code. */
export function codeForStatus(status: number): NotiflowsErrorCode | undefined {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 422) return 'validation_failed';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return undefined;
}

/** Wraps anything thrown into a NotiflowsError, keeping the original as `cause`. */
export function toNotiflowsError(
  error: unknown,
  fallback: NotiflowsErrorCode,
  message?: string,
): NotiflowsError {
  if (error instanceof NotiflowsError) return error;
  const text = message ?? (error instanceof Error ? error.message : String(error));
  return new NotiflowsError(fallback, text, { cause: error });
}

/** Where each message id is explained (production messages link there). */
const MESSAGES_DOC = 'https://github.com/notiflows/web-push/blob/main/docs/reference/messages.md';

/**
 * A developer-facing message by id. Development builds say the sentence, with `detail` in
 * its place; production builds (no sentences shipped) say the id, the detail and a link.
 */
export function devMessage(id: MessageId, detail?: string | number): string {
  const sentence: string | undefined = MESSAGES?.[id];
  return sentence
    ? sentence.replace('{}', () => String(detail ?? '')) // a detail may hold `$&`
    : `${id}${detail === undefined ? '' : ` (${detail})`}: ${MESSAGES_DOC}#${id}`;
}
