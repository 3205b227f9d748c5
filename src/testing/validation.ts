import { CHANNEL_TYPES } from '../api/types.js';
import type { FieldError } from '../api/errors.js';
import { base64urlBytes } from '../internal/base64url.js';
import { isObject } from '../internal/is-object.js';

// Pure checks used by the fake Notiflows. Each returns field errors; empty means valid.

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export { isObject };

/** `http(s)` URL; plain http only on loopback, where local push services live. */
export function isPushEndpoint(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/** A web push `POST /channels/{id}/subscriptions` body: identifier, http(s) endpoint, P-256 `p256dh`, 16-byte `auth`. */
export function validateWebPushSubscription(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', message: 'must be an object', reason: 'invalid' }];
  const errors: FieldError[] = [];
  if (typeof body.identifier !== 'string' || !body.identifier)
    errors.push({ field: 'identifier', message: "can't be blank", reason: 'required' });
  else if (body.identifier.length > 2048)
    errors.push({ field: 'identifier', message: 'is too long', reason: 'too_long' });
  const s = body.settings;
  if (!isObject(s)) {
    errors.push({ field: 'settings', message: "can't be blank", reason: 'required' });
    return errors;
  }
  if (!isPushEndpoint(s.endpoint))
    errors.push({ field: 'settings.endpoint', message: 'must be an https URL', reason: 'invalid' });
  else if (typeof body.identifier === 'string' && body.identifier !== s.endpoint)
    errors.push({
      field: 'identifier',
      message: 'must equal settings.endpoint',
      reason: 'mismatch',
    });
  const key = base64urlBytes(s.p256dh);
  if (!key || key.length !== 65 || key[0] !== 4)
    errors.push({
      field: 'settings.p256dh',
      message: 'must be a base64url P-256 public key (65 bytes)',
      reason: 'invalid',
    });
  const auth = base64urlBytes(s.auth);
  if (!auth || auth.length !== 16)
    errors.push({
      field: 'settings.auth',
      message: 'must be a base64url 16-byte secret',
      reason: 'invalid',
    });
  return errors;
}

/** Checks a partial preferences body against the project's notiflows. */
export function validatePreferencesUpdate(
  body: unknown,
  notiflowIds: ReadonlySet<string>,
): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', message: 'must be an object', reason: 'invalid' }];
  const errors: FieldError[] = [];
  const switches = (value: unknown, field: string) => {
    if (!isObject(value))
      return errors.push({ field, message: 'must be an object', reason: 'invalid' });
    for (const [type, on] of Object.entries(value)) {
      if (!(CHANNEL_TYPES as readonly string[]).includes(type))
        errors.push({
          field: `${field}.${type}`,
          message: 'is not a channel type',
          reason: 'invalid',
        });
      else if (typeof on !== 'boolean')
        errors.push({
          field: `${field}.${type}`,
          message: 'must be a boolean',
          reason: 'invalid_type',
        });
    }
  };
  for (const key of Object.keys(body)) {
    if (key !== 'channel_types' && key !== 'notiflows')
      errors.push({ field: key, message: 'is not a preferences field', reason: 'unknown' });
  }
  if (body.channel_types !== undefined) switches(body.channel_types, 'channel_types');
  if (body.notiflows !== undefined) {
    if (!isObject(body.notiflows))
      errors.push({ field: 'notiflows', message: 'must be an object', reason: 'invalid' });
    else
      for (const [id, n] of Object.entries(body.notiflows)) {
        const field = `notiflows.${id}`;
        if (!notiflowIds.has(id))
          errors.push({ field, message: 'is not a notiflow of this project', reason: 'not_found' });
        else if (!isObject(n))
          errors.push({ field, message: 'must be an object', reason: 'invalid' });
        else {
          if (n.enabled !== undefined && typeof n.enabled !== 'boolean')
            errors.push({
              field: `${field}.enabled`,
              message: 'must be a boolean',
              reason: 'invalid_type',
            });
          if (n.channel_types !== undefined) switches(n.channel_types, `${field}.channel_types`);
        }
      }
  }
  return errors;
}

/** Provider-specific channel settings (mobile push tokens, Slack ids). */
export function validateChannelSettings(type: string, body: unknown): FieldError[] {
  if (!isObject(body) || !isObject(body.settings))
    return [{ field: 'settings', message: "can't be blank", reason: 'required' }];
  const s = body.settings;
  if (type === 'mobile_push') {
    const tokens = s.device_tokens;
    if (
      !Array.isArray(tokens) ||
      !tokens.length ||
      tokens.some((t) => typeof t !== 'string' || !t)
    ) {
      return [
        {
          field: 'settings.device_tokens',
          message: 'must be a non-empty list of tokens',
          reason: 'invalid',
        },
      ];
    }
  } else if (type === 'chat') {
    const ok = (v: unknown) => typeof v === 'string' && v.length > 0;
    if (!ok(s.slack_channel_id) && !ok(s.slack_user_id)) {
      return [
        {
          field: 'settings',
          message: 'needs slack_channel_id or slack_user_id',
          reason: 'required',
        },
      ];
    }
  } else if (type === 'web_push') {
    return [
      {
        field: 'channel_id',
        message: 'web push uses channel subscriptions, not settings',
        reason: 'unsupported_channel_type',
      },
    ];
  }
  return [];
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Admin user upsert body. */
export function validateUserUpsert(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', message: 'must be an object', reason: 'invalid' }];
  const errors: FieldError[] = [];
  const str = (k: string) =>
    body[k] !== undefined && body[k] !== null && typeof body[k] !== 'string';
  for (const k of [
    'external_id',
    'email',
    'first_name',
    'last_name',
    'locale',
    'timezone',
    'phone',
    'avatar',
  ]) {
    if (str(k)) errors.push({ field: k, message: 'must be a string', reason: 'invalid_type' });
  }
  if (typeof body.phone === 'string' && !E164.test(body.phone))
    errors.push({ field: 'phone', message: 'must be E.164', reason: 'invalid' });
  if (typeof body.avatar === 'string' && !/^https?:\/\//.test(body.avatar))
    errors.push({ field: 'avatar', message: 'must be an http(s) URL', reason: 'invalid' });
  if (typeof body.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(body.email))
    errors.push({ field: 'email', message: 'is not an email address', reason: 'invalid' });
  if (body.custom_fields !== undefined && !isObject(body.custom_fields))
    errors.push({ field: 'custom_fields', message: 'must be an object', reason: 'invalid' });
  return errors;
}
