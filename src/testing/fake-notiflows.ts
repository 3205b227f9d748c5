import type { HttpHandler } from 'msw';
import { importJWK, type JWK } from 'jose';
import type { ChannelSubscription, Preferences } from '../api/types.js';
import { adminRoutes } from './admin-routes.js';
import type { Delivery, DeliverFn, WebPushTemplate } from './delivery.js';
import { pipeline, preflight } from './pipeline.js';
import { preferencesView } from './preferences.js';
import { clone, now, subKey, type Project } from './project.js';
import { runNotiflow } from './run.js';
import { userRoutes } from './user-routes.js';
import { isObject } from './validation.js';

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
  signingKey?: CryptoKey | JWK;
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

  /** Everything else a fake keeps, shared with its handlers. */
  readonly #project: Project;

  constructor(options: FakeNotiflowsOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'https://api.notiflows.com').replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? 'pk_test_fake';
    this.secretKey = options.secretKey ?? 'sk_test_fake';
    this.developmentMode = options.developmentMode ?? false;
    this.allowedOrigins = options.allowedOrigins ?? '*';
    this.deliver = options.deliver;
    this.rateLimit = options.rateLimit ?? { requests: 20, seconds: 10 };
    this.#project = {
      fake: this,
      clock: options.clock ?? Date.now,
      faults: [],
      recent: new Map(),
      preferences: new Map(),
      subscriptions: new Map(),
      channelSettings: new Map(),
      topics: new Map(),
    };
    if (options.signingKey) this.setSigningKey(options.signingKey);
    for (const c of options.channels ?? [{ id: DEFAULT_FAKE_CHANNEL_ID, type: 'web_push' }])
      this.channels.set(c.id, c);
    for (const n of options.notiflows ?? []) this.notiflows.set(n.id, n);
    for (const u of options.users ?? []) this.upsertUser(u);
    const serve = pipeline(this.#project);
    this.handlers = [
      preflight(this.#project),
      ...userRoutes(this.#project, serve),
      ...adminRoutes(this.#project, serve),
    ];
  }

  /** Sets the public key that verifies user keys, e.g. to rotate it mid-test. */
  setSigningKey(key: CryptoKey | JWK): void {
    this.#project.signingKey =
      'kty' in key ? importJWK(key as JWK, 'RS256') : Promise.resolve(key as CryptoKey);
  }

  /** Fail the next matching request(s); faults apply in the order given. */
  fail(fault: Fault): void {
    this.#project.faults.push({ times: 1, ...fault });
  }

  /** Drops every injected fault not used yet. */
  clearFaults(): void {
    this.#project.faults.length = 0;
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
    return preferencesView(this.#project, userId);
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
    for (const other of this.#project.subscriptions.keys())
      if (other !== key && other.endsWith(`\n${channelId}\n${identifier}`))
        this.#project.subscriptions.delete(other);
    const existing = this.#project.subscriptions.get(key);
    const at = now();
    const subscription: ChannelSubscription = {
      id: existing?.id ?? crypto.randomUUID(),
      channel_id: channelId,
      identifier,
      settings: { endpoint: settings.endpoint, p256dh: settings.p256dh, auth: settings.auth },
      created_at: existing?.created_at ?? createdAt ?? at,
      updated_at: at,
    };
    this.#project.subscriptions.set(key, subscription);
    return { subscription: clone(subscription), created: !existing };
  }

  /** Web push subscriptions of a user (optionally on one channel). */
  subscriptionsOf(userId: string, channelId?: string): ChannelSubscription[] {
    return [...this.#project.subscriptions.entries()]
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
  run(
    notiflowId: string,
    input: { recipients?: unknown; topic?: unknown; data?: unknown; actor?: unknown },
  ) {
    return runNotiflow(this.#project, notiflowId, input);
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
