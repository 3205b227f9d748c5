import { delay, http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { decodeJwt, errors as joseErrors, importJWK, jwtVerify, type JWK } from 'jose';
import { CHANNEL_TYPES, type ChannelSubscription, type Preferences } from '../api/types.js';
import type { FieldError } from '../api/errors.js';
import {
  isObject,
  UUID_RE,
  validateChannelSettings,
  validatePreferencesUpdate,
  validateUserUpsert,
  validateWebPushSubscription,
} from './validation.js';
import {
  renderWebPushPayload,
  type Delivery,
  type DeliverFn,
  type WebPushTemplate,
} from './delivery.js';

/** A channel of the fake project. By default there is one, `web_push`, with id {@link DEFAULT_FAKE_CHANNEL_ID}. */
export interface FakeChannel {
  /** A UUID, as the API requires of channel ids in paths. */
  id: string;
  type: 'email' | 'sms' | 'in_app' | 'web_push' | 'mobile_push' | 'chat';
  /** Shown by the admin API on channel settings; e.g. `apns`, `fcm`, `slack`. */
  provider?: string;
}

/** A notiflow of the fake project: it appears in users' preferences and `run` delivers it. */
export interface FakeNotiflow {
  id: string;
  name: string;
  /** Ids of the channels this notiflow's steps deliver on. */
  channels: string[];
  /** Listed in user preferences (default true). */
  include_in_preferences?: boolean;
  /** Web push content; `{{ key }}` is replaced from the run's `data`. Default: the name as title. */
  web_push?: WebPushTemplate;
}

/** A user of the fake project, as the admin API returns it. */
export interface FakeUser {
  id: string;
  external_id: string;
  email?: string | null;
  phone?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  avatar?: string | null;
  locale?: string | null;
  timezone?: string | null;
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** Options of {@link FakeNotiflows}; all optional. */
export interface FakeNotiflowsOptions {
  /** Origin (and optional path prefix) the API lives at; msw wildcards allowed. Default `https://api.notiflows.com`. */
  baseUrl?: string;
  /** The public key every request must send (`x-notiflows-api-key`). Default `pk_test_fake`. */
  apiKey?: string;
  /** The admin API's secret key (`x-notiflows-secret-key`). Default `sk_test_fake`. */
  secretKey?: string;
  /** Public key (JWK or CryptoKey) that verifies RS256 user keys. Without it only development mode works. */
  signingKey?: JWK | CryptoKey;
  /** Accept `x-notiflows-user-id` (security mode off). Default false. */
  developmentMode?: boolean;
  /** Allowed browser origins; `'*'` allows all (default). An empty list blocks every browser request, as Notiflows does. */
  allowedOrigins?: string[] | '*';
  /** Default: one web push channel, {@link DEFAULT_FAKE_CHANNEL_ID}. */
  channels?: FakeChannel[];
  /** Default none, so preferences list no notiflow. */
  notiflows?: FakeNotiflow[];
  /** External ids of users that exist from the start. */
  users?: string[];
  /** Sends one web push; without it deliveries are recorded only. */
  deliver?: DeliverFn;
  /**
   * Per-user budget of the user API, as a real server enforces one: over it, 429
   * `rate_limited` with `details.retry_after` and `Retry-After`. Default 20 requests in 10 s;
   * `false` turns it off (a loop then passes a test silently: keep it on).
   */
  rateLimit?: { requests: number; seconds: number } | false;
  /** The server's clock in ms (default `Date.now`): user keys are checked against it, and every answer carries it as `Date`. */
  clock?: () => number;
}

/** The longest lifetime (`exp` − `iat`) the fake accepts for a user key, in seconds: 24 h. */
export const MAX_USER_KEY_LIFETIME = 24 * 3600;
/** How far in the future a user key's `iat` may be (the signer's clock ahead), in seconds. */
const IAT_LEEWAY = 60;

/** One injected fault: the next `times` matching requests fail this way. */
export interface Fault {
  times?: number;
  /**
   * When it strikes: `received` (default) before anything is checked; `authenticated` once
   * the caller is known (a 5xx of a server that did authenticate); `applied` after the
   * request did its work, e.g. a write stored, so `drop` is "applied, then the answer was lost".
   */
  when?: 'received' | 'authenticated' | 'applied';
  /** Only requests whose method and path (below `/user/v1` or `/admin/v1`) match. */
  method?: string;
  path?: string | RegExp;
  status?: number;
  /** Seconds, sent as `details.retry_after` and `Retry-After` with a 429. */
  retryAfter?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Wait this many ms first (alone: a slow but normal answer). */
  delay?: number;
  /** Answer 200 with this raw body instead (to test malformed responses). */
  rawBody?: string;
}

/** One request the fake answered, in `fake.requests`. Never holds a credential. */
export interface LoggedRequest {
  /** The `x-request-id` it was answered with. */
  requestId: string;
  method: string;
  /** Path below the base URL, e.g. `/user/v1/preferences`. */
  path: string;
  /** The HTTP status answered; 0 when a fault dropped the connection. */
  status: number;
  /** How the caller authenticated; the credential itself is never logged. */
  auth?: 'user_key' | 'user_id' | 'secret_key';
  /**
   * The external id of the user it acted as (user API only). For a request a fault answered
   * before authentication, the user its credential names, unverified: whose key it carried.
   */
  user?: string;
  /** The JSON body it carried. */
  body?: unknown;
  /** The injected fault that answered it: `drop`, `raw`, the status, or `delay`. */
  fault?: string;
  /** When it arrived (ISO 8601). */
  at: string;
}

export const DEFAULT_FAKE_CHANNEL_ID = '8c6b7e0a-3d1f-4c52-9a7e-2f4b9d1c0e5a';
const ALL_SWITCHES = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, true])) as Record<
  string,
  boolean
>;

class ApiError extends Error {
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
const invalid = (fields: FieldError[]) =>
  new ApiError(422, 'validation_failed', 'Validation failed', { fields });
const notFound = (resource: string, id: string, label = resource) =>
  new ApiError(404, 'not_found', `${label[0].toUpperCase()}${label.slice(1)} not found`, {
    resource,
    id,
  });

interface StoredPreferences {
  channel_types: Record<string, boolean>;
  notiflows: Record<string, { enabled?: boolean; channel_types: Record<string, boolean> }>;
}

const now = () => new Date().toISOString();
const clone = <T>(v: T): T => structuredClone(v);

/**
 * A faithful in-memory Notiflows project: the user API and the admin endpoints this
 * package needs, with the documented auth, validation and error envelope. Use its
 * `handlers` with msw's `setupWorker` in a page, or with `getResponse` in Node.
 *
 * @example
 * const signer = await createUserKeySigner();
 * const fake = new FakeNotiflows({ signingKey: signer.publicJwk, users: ['alice'] });
 * await setupWorker(...fake.handlers).start();
 * const client = new NotiflowsClient({ apiKey: fake.apiKey, userKey: await signer.sign('alice') });
 * fake.fail({ status: 503 }); // the next request fails once; the client retries
 * await client.updatePreferences({ channel_types: { sms: false } });
 * fake.preferencesOf('alice').channel_types.sms; // false
 */
export class FakeNotiflows {
  /** Where the fake answers, without a trailing slash. Default `https://api.notiflows.com`, the client's default too. */
  readonly baseUrl: string;
  /**
   * The public key requests must send: give it to the client as `apiKey`. May change between
   * requests, as when the owner rotates it: the old key is refused from then on.
   */
  apiKey: string;
  /** The admin API's secret key (`x-notiflows-secret-key`). */
  readonly secretKey: string;
  /** Whether `x-notiflows-user-id` is accepted; may change between requests. */
  developmentMode: boolean;
  /** Browser origins the user API answers (`'*'`: all); may change between requests. */
  allowedOrigins: string[] | '*';
  /** The project's channels by id; may change between requests. */
  readonly channels = new Map<string, FakeChannel>();
  /** The project's notiflows by id; may change between requests. */
  readonly notiflows = new Map<string, FakeNotiflow>();
  /** Users by external id; a request for anyone else is 404. `upsertUser` and `run` add them. */
  readonly users = new Map<string, FakeUser>();
  /** Every request answered, oldest first. */
  readonly requests: LoggedRequest[] = [];
  /** Every delivery attempted by `run`, oldest first. */
  readonly deliveries: Delivery[] = [];
  /** Sends the web pushes of `run`; without it deliveries are only recorded. */
  deliver?: DeliverFn;
  /** The msw request handlers: for `setupWorker` in a page, or `getResponse` in Node. */
  readonly handlers: HttpHandler[];

  /** The per-user budget of the user API, or false; may change between requests. */
  rateLimit: { requests: number; seconds: number } | false;

  #signingKey?: Promise<CryptoKey | Uint8Array | import('jose').KeyObject>;
  #faults: Fault[] = [];
  readonly #clock: () => number;
  /** Per user: when their recent user API requests arrived (ms), for the rate limit. */
  #recent = new Map<string, number[]>();
  #preferences = new Map<string, StoredPreferences>();
  #subscriptions = new Map<string, ChannelSubscription>(); // key: user \n channel \n identifier
  #channelSettings = new Map<
    string,
    { settings: Record<string, unknown>; created_at: string; updated_at: string }
  >();
  #topics = new Map<
    string,
    {
      name: string;
      created_at: string;
      subscribers: Map<string, { id: string; created_at: string }>;
    }
  >();
  #counter = 0;

  constructor(options: FakeNotiflowsOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'https://api.notiflows.com').replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? 'pk_test_fake';
    this.secretKey = options.secretKey ?? 'sk_test_fake';
    this.developmentMode = options.developmentMode ?? false;
    this.allowedOrigins = options.allowedOrigins ?? '*';
    this.deliver = options.deliver;
    this.rateLimit = options.rateLimit ?? { requests: 20, seconds: 10 };
    this.#clock = options.clock ?? Date.now;
    if (options.signingKey) this.setSigningKey(options.signingKey);
    for (const c of options.channels ?? [{ id: DEFAULT_FAKE_CHANNEL_ID, type: 'web_push' }])
      this.channels.set(c.id, c);
    for (const n of options.notiflows ?? []) this.notiflows.set(n.id, n);
    for (const u of options.users ?? []) this.upsertUser(u);
    this.handlers = this.#routes();
  }

  /** Sets the public key that verifies user keys, e.g. to rotate it mid-test. */
  setSigningKey(key: JWK | CryptoKey): void {
    this.#signingKey =
      'kty' in key ? importJWK(key as JWK, 'RS256') : Promise.resolve(key as CryptoKey);
  }

  /** Fail the next matching request(s); faults apply in the order given. */
  fail(fault: Fault): void {
    this.#faults.push({ times: 1, ...fault });
  }

  /** Drops every injected fault not used yet. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Creates or updates a user, as the admin API's `PUT /users/{id}` does (custom fields deep-merged). */
  upsertUser(
    externalId: string,
    fields: Partial<FakeUser> = {},
  ): { user: FakeUser; created: boolean } {
    const existing = this.users.get(externalId);
    const at = now();
    const user: FakeUser = existing ?? {
      id: crypto.randomUUID(),
      external_id: externalId,
      custom_fields: {},
      created_at: at,
      updated_at: at,
    };
    const { custom_fields, ...rest } = fields;
    Object.assign(user, rest, { external_id: externalId, updated_at: at });
    if (custom_fields) user.custom_fields = deepMerge(user.custom_fields, custom_fields);
    this.users.set(externalId, user);
    return { user, created: !existing };
  }

  /** Preferences as the API shows them to this user. */
  preferencesOf(userId: string): Preferences {
    const stored = this.#preferences.get(userId);
    const notiflows: Preferences['notiflows'] = {};
    for (const n of this.notiflows.values()) {
      if (n.include_in_preferences === false) continue;
      const own = stored?.notiflows[n.id];
      const channel_types: Record<string, boolean> = {};
      for (const type of this.#typesOf(n)) channel_types[type] = own?.channel_types[type] ?? true;
      notiflows[n.id] = { enabled: own?.enabled ?? true, channel_types, name: n.name };
    }
    return { channel_types: { ...ALL_SWITCHES, ...stored?.channel_types }, notiflows };
  }

  /**
   * Registers (or updates) a web push subscription, as `POST /channels/{id}/subscriptions`
   * does; `createdAt` lets a demo or a test seed older devices.
   */
  upsertSubscription(
    userId: string,
    channelId: string,
    identifier: string,
    settings: ChannelSubscription['settings'],
    createdAt?: string,
  ): { subscription: ChannelSubscription; created: boolean } {
    const key = subKey(userId, channelId, identifier);
    // An endpoint names one browser: registered by another user, it moves to this one.
    for (const other of this.#subscriptions.keys())
      if (other !== key && other.endsWith(`\n${channelId}\n${identifier}`))
        this.#subscriptions.delete(other);
    const existing = this.#subscriptions.get(key);
    const at = now();
    const subscription: ChannelSubscription = {
      id: existing?.id ?? crypto.randomUUID(),
      channel_id: channelId,
      identifier,
      settings: { endpoint: settings.endpoint, p256dh: settings.p256dh, auth: settings.auth },
      created_at: existing?.created_at ?? createdAt ?? at,
      updated_at: at,
    };
    this.#subscriptions.set(key, subscription);
    return { subscription: clone(subscription), created: !existing };
  }

  /** Web push subscriptions of a user (optionally on one channel). */
  subscriptionsOf(userId: string, channelId?: string): ChannelSubscription[] {
    return [...this.#subscriptions.entries()]
      .filter(([key]) => key.startsWith(`${userId}\n${channelId ?? ''}`))
      .map(([, sub]) => clone(sub));
  }

  /** Whether a notification of this notiflow reaches this user on this channel type. */
  allows(userId: string, notiflowId: string, type: string): boolean {
    const prefs = this.preferencesOf(userId);
    const n = prefs.notiflows[notiflowId];
    if (prefs.channel_types[type] === false) return false;
    return !n || (n.enabled && n.channel_types[type] !== false);
  }

  /** A JSON snapshot of the whole project, for assertions and the demo's side panel. */
  snapshot() {
    return {
      users: [...this.users.values()].map((u) => ({
        external_id: u.external_id,
        preferences: this.preferencesOf(u.external_id),
        subscriptions: this.subscriptionsOf(u.external_id),
      })),
      requests: clone(this.requests),
      deliveries: clone(this.deliveries),
    };
  }

  /** Runs a notiflow as `POST /admin/v1/notiflows/{id}/run` does. */
  async run(
    notiflowId: string,
    input: { recipients?: unknown; topic?: unknown; data?: unknown; actor?: unknown },
  ) {
    const notiflow = this.notiflows.get(notiflowId);
    if (!notiflow) throw notFound('notiflow', notiflowId);
    if ((input.recipients === undefined) === (input.topic === undefined)) {
      throw invalid([
        { field: 'recipients', message: 'give either recipients or topic', reason: 'exclusive' },
      ]);
    }
    const data = isObject(input.data) ? input.data : {};
    let recipients: string[];
    if (input.topic !== undefined) {
      if (typeof input.topic !== 'string')
        throw invalid([{ field: 'topic', message: 'must be a string', reason: 'invalid_type' }]);
      recipients = [...(this.#topics.get(input.topic)?.subscribers.keys() ?? [])];
    } else {
      if (!Array.isArray(input.recipients) || !input.recipients.length)
        throw invalid([
          { field: 'recipients', message: 'must be a non-empty list', reason: 'invalid' },
        ]);
      recipients = input.recipients.map((r, i) => {
        const id =
          typeof r === 'string'
            ? r
            : isObject(r) && typeof r.external_id === 'string'
              ? r.external_id
              : undefined;
        if (!id)
          throw invalid([
            { field: `recipients.${i}.external_id`, message: "can't be blank", reason: 'required' },
          ]);
        const { external_id: _, ...fields } = isObject(r) ? r : {};
        this.upsertUser(id, fields as Partial<FakeUser>); // recipients are auto-created
        return id;
      });
    }
    const runId = crypto.randomUUID();
    const payload = renderWebPushPayload(notiflow, data);
    for (const user of recipients) {
      for (const channelId of notiflow.channels) {
        const channel = this.channels.get(channelId);
        if (!channel) continue;
        const base = {
          id: crypto.randomUUID(),
          notiflow_run_id: runId,
          notiflow_id: notiflowId,
          channel_id: channelId,
          channel_type: channel.type,
          recipient: user,
          created_at: now(),
        };
        if (!this.allows(user, notiflowId, channel.type)) {
          this.deliveries.push({ ...base, status: 'skipped', reason: 'preferences' });
          continue;
        }
        if (channel.type !== 'web_push') {
          this.deliveries.push({ ...base, status: 'sent' });
          continue;
        }
        const subs = this.subscriptionsOf(user, channelId);
        if (!subs.length)
          this.deliveries.push({ ...base, status: 'skipped', reason: 'no_subscriptions' });
        for (const sub of subs) {
          const delivery: Delivery = {
            ...base,
            id: crypto.randomUUID(),
            endpoint: sub.settings.endpoint,
            payload,
            status: 'sent',
          };
          if (this.deliver) {
            try {
              delivery.push_status = (
                await this.deliver({
                  subscription: {
                    endpoint: sub.settings.endpoint,
                    keys: { p256dh: sub.settings.p256dh, auth: sub.settings.auth },
                  },
                  payload,
                })
              ).status;
              if (delivery.push_status >= 400) delivery.status = 'failed';
              // Gone at the push service: prune, as a well-behaved sender does.
              if (delivery.push_status === 404 || delivery.push_status === 410)
                this.#subscriptions.delete(subKey(user, channelId, sub.identifier));
            } catch (error) {
              delivery.status = 'failed';
              delivery.reason = String(error);
            }
          }
          this.deliveries.push(delivery);
        }
      }
    }
    return { notiflow_run_id: runId };
  }

  // ---- HTTP ------------------------------------------------------------------------

  #routes(): HttpHandler[] {
    const u = `${this.baseUrl}/user/v1`;
    const a = `${this.baseUrl}/admin/v1`;
    const user = (fn: (ctx: Ctx) => Promise<Response> | Response) => this.#wrap('user', fn);
    const admin = (fn: (ctx: Ctx) => Promise<Response> | Response) => this.#wrap('admin', fn);
    return [
      http.options(
        `${this.baseUrl}/*`,
        ({ request }) =>
          new HttpResponse(null, { status: 204, headers: this.#cors(request, true) }),
      ),
      http.get(
        `${u}/preferences`,
        user(({ userId }) => json(this.preferencesOf(userId))),
      ),
      http.put(
        `${u}/preferences`,
        user(async ({ userId, body }) => json(this.#updatePreferences(userId, body))),
      ),
      http.get(
        `${u}/channels/:channelId/subscriptions`,
        user(({ userId, params }) => {
          this.#channel(params.channelId, 'web_push');
          return json({ items: this.subscriptionsOf(userId, params.channelId) });
        }),
      ),
      http.post(
        `${u}/channels/:channelId/subscriptions`,
        user(({ userId, params, body }) => {
          this.#channel(params.channelId, 'web_push');
          const errors = validateWebPushSubscription(body);
          if (errors.length) throw invalid(errors);
          const { identifier, settings } = body as {
            identifier: string;
            settings: ChannelSubscription['settings'];
          };
          const { subscription, created } = this.upsertSubscription(
            userId,
            params.channelId,
            identifier,
            settings,
          );
          return json(subscription, created ? 201 : 200);
        }),
      ),
      http.delete(
        `${u}/channels/:channelId/subscriptions`,
        user(({ userId, params, body }) => {
          this.#channel(params.channelId, 'web_push');
          if (!isObject(body) || typeof body.identifier !== 'string' || !body.identifier) {
            throw invalid([{ field: 'identifier', message: "can't be blank", reason: 'required' }]);
          }
          if (!this.#subscriptions.delete(subKey(userId, params.channelId, body.identifier))) {
            throw notFound('channel_subscription', body.identifier, 'subscription');
          }
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.put(
        `${u}/channels/:channelId/settings`,
        user(({ userId, params, body }) =>
          json(this.#putChannelSettings(userId, params.channelId, body, false)),
        ),
      ),
      http.delete(
        `${u}/channels/:channelId/settings`,
        user(({ userId, params }) => this.#deleteChannelSettings(userId, params.channelId)),
      ),

      http.put(
        `${a}/users/:userId`,
        admin(({ params, body }) => {
          const errors = validateUserUpsert(body);
          const b = (isObject(body) ? body : {}) as Record<string, unknown>;
          if (
            !this.users.has(params.userId) &&
            b.external_id !== undefined &&
            b.external_id !== params.userId
          ) {
            errors.push({
              field: 'external_id',
              message: 'must match the path',
              reason: 'mismatch',
            });
          }
          if (errors.length) throw invalid(errors);
          const { external_id: _, channel_settings, preferences, ...fields } = b;
          const { user, created } = this.upsertUser(params.userId, fields as Partial<FakeUser>);
          if (created && Array.isArray(channel_settings)) {
            for (const cs of channel_settings)
              if (isObject(cs))
                this.#putChannelSettings(params.userId, String(cs.channel_id), cs, true);
          }
          if (created && preferences !== undefined)
            this.#updatePreferences(params.userId, preferences);
          return json(user, created ? 201 : 200);
        }),
      ),
      http.get(
        `${a}/users/:userId/preferences`,
        admin(({ params }) => json(this.preferencesOf(this.#user(params.userId)))),
      ),
      http.put(
        `${a}/users/:userId/preferences`,
        admin(({ params, body }) => json(this.#updatePreferences(this.#user(params.userId), body))),
      ),
      http.get(
        `${a}/users/:userId/channel-settings/:channelId`,
        admin(({ params }) => {
          const userId = this.#user(params.userId);
          const channel = this.#channel(params.channelId);
          const stored = this.#channelSettings.get(`${userId}\n${channel.id}`);
          if (!stored) throw notFound('channel_settings', channel.id, 'channel settings');
          return json(this.#channelSettingsView(userId, channel, stored, true));
        }),
      ),
      http.put(
        `${a}/users/:userId/channel-settings/:channelId`,
        admin(({ params, body }) =>
          json(this.#putChannelSettings(this.#user(params.userId), params.channelId, body, true)),
        ),
      ),
      http.delete(
        `${a}/users/:userId/channel-settings/:channelId`,
        admin(({ params }) =>
          this.#deleteChannelSettings(this.#user(params.userId), params.channelId),
        ),
      ),
      http.post(
        `${a}/users/:userId/subscriptions`,
        admin(({ params, body }) => {
          const userId = this.#user(params.userId);
          if (!isObject(body) || typeof body.topic_name !== 'string' || !body.topic_name) {
            throw invalid([{ field: 'topic_name', message: "can't be blank", reason: 'required' }]);
          }
          const name = body.topic_name;
          let topic = this.#topics.get(name);
          if (!topic)
            this.#topics.set(name, (topic = { name, created_at: now(), subscribers: new Map() }));
          const existing = topic.subscribers.get(userId);
          const sub = existing ?? { id: crypto.randomUUID(), created_at: now() };
          topic.subscribers.set(userId, sub);
          return json(
            { ...sub, topic_name: name, user_id: this.users.get(userId)!.id },
            existing ? 200 : 201,
          );
        }),
      ),
      http.delete(
        `${a}/users/:userId/subscriptions/:topic`,
        admin(({ params }) => {
          const userId = this.#user(params.userId);
          if (!this.#topics.get(params.topic)?.subscribers.delete(userId))
            throw notFound('subscription', params.topic);
          return new HttpResponse(null, { status: 204 });
        }),
      ),
      http.post(
        `${a}/notiflows/:notiflowId/run`,
        admin(async ({ params, body }) => {
          if (!isObject(body))
            throw invalid([{ field: 'body', message: 'must be an object', reason: 'invalid' }]);
          return json(await this.run(params.notiflowId, body), 200);
        }),
      ),
    ];
  }

  #wrap(api: 'user' | 'admin', fn: (ctx: Ctx) => Promise<Response> | Response) {
    return async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const requestId = `req_${(++this.#counter).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const url = new URL(request.url);
      const base = new URL(this.baseUrl.replace(/^\*/, 'http://x'), url).pathname.replace(
        /\/$/,
        '',
      );
      const entry: LoggedRequest = {
        requestId,
        method: request.method,
        path: url.pathname.slice(base.length),
        status: 0,
        at: now(),
        user: claimedUser(request),
      };
      this.requests.push(entry);
      let response: Response;
      const answer = (r: Response) => {
        r.headers.set('x-request-id', requestId);
        r.headers.set('date', new Date(this.#clock()).toUTCString());
        for (const [k, v] of Object.entries(this.#cors(request, false))) r.headers.set(k, v);
        return finish(entry, r);
      };
      // An injected fault at this stage: its answer, or undefined to go on (a delay alone).
      const faultAt = async (when: NonNullable<Fault['when']>) => {
        const fault = this.#takeFault(entry, when);
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
          return answer(
            new HttpResponse(fault.rawBody, {
              status: 200,
              headers: { 'content-type': 'application/json' },
            }),
          );
        if (!fault.status) return undefined;
        const code =
          fault.status === 429
            ? 'rate_limited'
            : fault.status >= 500
              ? 'internal_error'
              : 'injected_fault';
        const details = fault.retryAfter === undefined ? {} : { retry_after: fault.retryAfter };
        return answer(
          withRetryAfter(
            errorResponse(new ApiError(fault.status, code, 'Injected fault', details), requestId),
            fault.retryAfter,
          ),
        );
      };
      try {
        const received = await faultAt('received');
        if (received) return received;
        const who = api === 'user' ? await this.#authUser(request) : this.#authAdmin(request);
        entry.auth = who.auth;
        entry.user = who.userId;
        if (api === 'user') this.#spendBudget(who.userId!);
        const authenticated = await faultAt('authenticated');
        if (authenticated) return authenticated;
        const body = await readBody(request);
        entry.body = body;
        const p = Object.fromEntries(
          Object.entries(params).map(([k, v]) => [k, decodeURIComponent(String(v))]),
        );
        response = await fn({ userId: who.userId!, params: p, body });
        const applied = await faultAt('applied');
        if (applied) return applied;
      } catch (error) {
        response = errorResponse(
          error instanceof ApiError ? error : new ApiError(500, 'internal_error', String(error)),
          requestId,
        );
        if (error instanceof ApiError) withRetryAfter(response, error.retryAfter);
      }
      return answer(response);
    };
  }

  // A sliding window per user: what a loop in a client runs into on the real service.
  #spendBudget(userId: string): void {
    if (!this.rateLimit) return;
    const { requests, seconds } = this.rateLimit;
    const t = this.#clock();
    const recent = (this.#recent.get(userId) ?? []).filter((at) => at > t - seconds * 1000);
    this.#recent.set(userId, recent);
    if (recent.length >= requests) {
      const retryAfter = Math.max(1, Math.ceil((recent[0] + seconds * 1000 - t) / 1000));
      throw new ApiError(429, 'rate_limited', 'Too many requests', {
        retry_after: retryAfter,
        limit: requests,
        window: seconds,
      });
    }
    recent.push(t);
  }

  #takeFault(entry: LoggedRequest, when: NonNullable<Fault['when']>): Fault | undefined {
    const i = this.#faults.findIndex(
      (f) =>
        (f.when ?? 'received') === when &&
        (!f.method || f.method.toUpperCase() === entry.method) &&
        (!f.path ||
          (typeof f.path === 'string' ? entry.path.endsWith(f.path) : f.path.test(entry.path))),
    );
    if (i < 0) return undefined;
    const fault = this.#faults[i];
    if (--fault.times! <= 0) this.#faults.splice(i, 1);
    return fault;
  }

  #cors(request: Request, preflight: boolean): Record<string, string> {
    const origin = request.headers.get('origin');
    if (!origin || !this.#originAllowed(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      vary: 'origin',
      'access-control-expose-headers': 'x-request-id, retry-after, date',
      ...(preflight
        ? {
            'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
            'access-control-allow-headers':
              'content-type, x-notiflows-api-key, x-notiflows-user-key, x-notiflows-user-id',
            'access-control-max-age': '600',
          }
        : {}),
    };
  }

  #originAllowed(origin: string): boolean {
    return this.allowedOrigins === '*' || this.allowedOrigins.includes(origin);
  }

  async #authUser(request: Request): Promise<{ auth: 'user_key' | 'user_id'; userId: string }> {
    this.#checkApiKey(request);
    const origin = request.headers.get('origin');
    if (origin && !this.#originAllowed(origin)) {
      throw new ApiError(403, 'forbidden', 'Origin not allowed', { reason: 'origin_not_allowed' });
    }
    const key = request.headers.get('x-notiflows-user-key');
    const devId = request.headers.get('x-notiflows-user-id');
    let userId: string;
    let auth: 'user_key' | 'user_id';
    if (key) {
      if (!this.#signingKey)
        throw new ApiError(401, 'unauthenticated', 'Authentication required', {
          auth: 'user_key',
          reason: 'no_signing_key',
        });
      userId = await this.#verifyUserKey(key, await this.#signingKey);
      auth = 'user_key';
    } else if (devId) {
      if (!this.developmentMode)
        throw new ApiError(401, 'unauthenticated', 'Authentication required', {
          auth: 'user_key',
          reason: 'development_mode_disabled',
        });
      userId = devId;
      auth = 'user_id';
    } else {
      throw new ApiError(401, 'unauthenticated', 'Authentication required', {
        auth: 'user_key',
        reason: 'missing',
      });
    }
    if (!this.users.has(userId)) throw notFound('user', userId);
    return { auth, userId };
  }

  /**
   * A user key as a server checks it, on the server's clock: RS256 signature, `sub`, `exp`
   * required and at most {@link MAX_USER_KEY_LIFETIME} after `iat`, `iat` not ahead by more
   * than a minute, `nbf` reached. 401 with `details.reason` otherwise.
   */
  async #verifyUserKey(key: string, signingKey: Parameters<typeof jwtVerify>[1]): Promise<string> {
    let reason = 'invalid';
    try {
      const { payload } = await jwtVerify(key, signingKey as CryptoKey, {
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(this.#clock()),
      });
      const t = this.#clock() / 1000;
      const issued = payload.iat ?? t;
      if (issued > t + IAT_LEEWAY) reason = 'issued_in_future';
      else if (payload.exp! - issued > MAX_USER_KEY_LIFETIME) reason = 'lifetime_too_long';
      else if (typeof payload.sub === 'string' && payload.sub) return payload.sub;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) reason = 'expired';
      else if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
        reason = 'not_yet_valid';
    }
    throw new ApiError(401, 'unauthenticated', 'Authentication required', {
      auth: 'user_key',
      reason,
    });
  }

  #authAdmin(request: Request): { auth: 'secret_key'; userId?: undefined } {
    this.#checkApiKey(request);
    if (request.headers.get('x-notiflows-secret-key') !== this.secretKey) {
      throw new ApiError(401, 'unauthenticated', 'Authentication required', { auth: 'secret_key' });
    }
    return { auth: 'secret_key' };
  }

  #checkApiKey(request: Request): void {
    if (request.headers.get('x-notiflows-api-key') !== this.apiKey) {
      throw new ApiError(401, 'unauthenticated', 'Authentication required', { auth: 'api_key' });
    }
  }

  #user(externalId: string): string {
    if (!this.users.has(externalId)) throw notFound('user', externalId);
    return externalId;
  }

  #channel(id: string, type?: FakeChannel['type']): FakeChannel {
    if (!UUID_RE.test(id))
      throw new ApiError(400, 'bad_request', 'Invalid UUID', {
        reason: 'invalid_uuid',
        param: 'channel_id',
      });
    const channel = this.channels.get(id);
    if (!channel) throw notFound('channel', id);
    if (type && channel.type !== type) {
      throw invalid([
        {
          field: 'channel_id',
          message: `is a ${channel.type} channel, not ${type}`,
          reason: 'unsupported_channel_type',
        },
      ]);
    }
    return channel;
  }

  #typesOf(n: FakeNotiflow): string[] {
    const types = n.channels
      .map((id) => this.channels.get(id)?.type)
      .filter((t): t is FakeChannel['type'] => !!t);
    return CHANNEL_TYPES.filter((t) => types.includes(t));
  }

  #updatePreferences(userId: string, body: unknown): Preferences {
    if (body === undefined)
      throw new ApiError(400, 'bad_request', 'Invalid JSON', { reason: 'invalid_json' });
    const errors = validatePreferencesUpdate(body, new Set(this.notiflows.keys()));
    if (errors.length) throw invalid(errors);
    const update = body as {
      channel_types?: Record<string, boolean>;
      notiflows?: Record<string, { enabled?: boolean; channel_types?: Record<string, boolean> }>;
    };
    const stored = this.#preferences.get(userId) ?? { channel_types: {}, notiflows: {} };
    Object.assign(stored.channel_types, update.channel_types);
    for (const [id, n] of Object.entries(update.notiflows ?? {})) {
      const own = (stored.notiflows[id] ??= { channel_types: {} });
      if (n.enabled !== undefined) own.enabled = n.enabled;
      Object.assign(own.channel_types, n.channel_types);
    }
    this.#preferences.set(userId, stored);
    return this.preferencesOf(userId);
  }

  #putChannelSettings(userId: string, channelId: string, body: unknown, withProvider: boolean) {
    const channel = this.#channel(channelId);
    const errors = validateChannelSettings(channel.type, body);
    if (errors.length) throw invalid(errors);
    const key = `${userId}\n${channel.id}`;
    const at = now();
    const stored = {
      settings: clone((body as { settings: Record<string, unknown> }).settings),
      created_at: this.#channelSettings.get(key)?.created_at ?? at,
      updated_at: at,
    };
    this.#channelSettings.set(key, stored); // PUT replaces the whole blob
    return this.#channelSettingsView(userId, channel, stored, withProvider);
  }

  #deleteChannelSettings(userId: string, channelId: string): Response {
    const channel = this.#channel(channelId);
    this.#channelSettings.delete(`${userId}\n${channel.id}`);
    return new HttpResponse(null, { status: 204 });
  }

  #channelSettingsView(
    userId: string,
    channel: FakeChannel,
    stored: { settings: Record<string, unknown>; created_at: string; updated_at: string },
    withProvider: boolean,
  ) {
    const defaultProvider =
      channel.type === 'chat' ? 'slack' : channel.type === 'mobile_push' ? 'apns' : channel.type;
    return {
      channel_id: channel.id,
      user_id: this.users.get(userId)!.id,
      settings: clone(stored.settings),
      created_at: stored.created_at,
      updated_at: stored.updated_at,
      ...(withProvider ? { provider: channel.provider ?? defaultProvider } : {}),
    };
  }
}

interface Ctx {
  userId: string;
  params: Record<string, string>;
  body: unknown;
}

const subKey = (user: string, channel: string, identifier: string) =>
  `${user}\n${channel}\n${identifier}`;

function json(body: unknown, status = 200): Response {
  return HttpResponse.json(body as JsonBodyType, { status });
}

function errorResponse(error: ApiError, requestId: string): Response {
  return HttpResponse.json(
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
}

/** The user a request's credential names, unverified (for the log only). */
function claimedUser(request: Request): string | undefined {
  const key = request.headers.get('x-notiflows-user-key');
  try {
    if (key) return decodeJwt(key).sub;
  } catch {
    // not a JWT: nobody
  }
  return request.headers.get('x-notiflows-user-id') ?? undefined;
}

function withRetryAfter(response: Response, seconds: number | undefined): Response {
  if (seconds !== undefined) response.headers.set('retry-after', String(seconds));
  return response;
}

function finish(entry: LoggedRequest, response: Response): Response {
  entry.status = response.status;
  return response;
}

/** JSON body, `undefined` when empty; malformed JSON is a 400 `invalid_json`. */
async function readBody(request: Request): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'Invalid JSON', { reason: 'invalid_json' });
  }
}

function deepMerge(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...target };
  for (const [k, v] of Object.entries(source))
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}
