import { executeServerCommand } from '@web/test-runner-commands';
import { NotiflowsClient } from '../src/api/client.js';
import { PushSubscriber, type PushSubscriberOptions } from '../src/push/push-subscriber.js';
import { idbRegistrationStorage } from '../src/push/registration-store.js';
import type {
  Fault,
  FakeNotiflowsOptions,
  LoggedRequest,
  UserKeyClaims,
} from '../src/testing/index.js';
import type { Delivery } from '../src/testing/delivery.js';
import type { ChannelSubscription, Preferences } from '../src/api/types.js';
import type { PendingChanges } from '../src/preferences/pending-store.js';

export const WEB_PUSH_CHANNEL = '0b8f4f52-6a4e-4a8e-9d52-2f0c2b1f7c11';
export const EMAIL_CHANNEL = '1c9f5a63-7b5f-4b9f-8e63-3a1d3c2a8d22';
export const SMS_CHANNEL = '6b4eafb8-c0ae-4aef-9db8-8f6c8b7fd277';
export const CHAT_CHANNEL = '5a3d9e97-0f9e-4d1e-bf96-7e5b6a6fc166';
export const ORDER_UPDATES = '2d0a6b74-8c6a-4cab-9f74-4b2e4d3b9e33';
export const WEEKLY_DIGEST = '3e1b7c85-9d7b-4dbc-8a85-5c3f5e4caf44';

/** A typed server command (see test/plugins). */
export const command = <T>(name: string, payload?: unknown) =>
  executeServerCommand(name, payload) as Promise<T>;

export const isFirefox = navigator.userAgent.includes('Firefox');
export const isWebKit =
  /AppleWebKit/.test(navigator.userAgent) && !/Chrome\//.test(navigator.userAgent);
/** WebKitGTK's MiniBrowser has no Push API: push tests there assert `unsupported` and skip the rest. */
export const hasPush = 'PushManager' in window;
export const itPush: Mocha.TestFunction | Mocha.PendingTestFunction = hasPush ? it : it.skip;
export const describePush: Mocha.SuiteFunction | Mocha.PendingSuiteFunction = hasPush
  ? describe
  : describe.skip;

type Snapshot = {
  users: { external_id: string; preferences: Preferences; subscriptions: ChannelSubscription[] }[];
  requests: LoggedRequest[];
  deliveries: Delivery[];
};

type ProjectConfig = Omit<
  FakeNotiflowsOptions,
  'baseUrl' | 'apiKey' | 'secretKey' | 'signingKey' | 'deliver' | 'clock'
> & { deliver?: 'web-push' };

/** The channels of a test project unless it says otherwise. */
export const DEFAULT_CHANNELS: NonNullable<FakeNotiflowsOptions['channels']> = [
  { id: WEB_PUSH_CHANNEL, type: 'web_push' },
  { id: EMAIL_CHANNEL, type: 'email' },
  { id: SMS_CHANNEL, type: 'sms' },
  { id: CHAT_CHANNEL, type: 'chat' },
];

/** A fresh, isolated fake Notiflows project on the test server (state lives in Node). */
/**
 * The fake API lives on another origin than the page, as Notiflows does on a real site:
 * the same test server under the other loopback name, so every request is a CORS request
 * (preflights, exposed headers, `keepalive` with a preflight).
 */
export const API_ORIGIN = `${location.protocol}//${
  location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'
}:${location.port}`;

export async function createProject(config: ProjectConfig = {}) {
  const defaults: ProjectConfig = {
    users: ['alice', 'bob'],
    channels: DEFAULT_CHANNELS,
    notiflows: [
      {
        id: ORDER_UPDATES,
        name: 'Order updates',
        channels: [EMAIL_CHANNEL, WEB_PUSH_CHANNEL],
        web_push: {
          title: 'Order {{ order }} shipped',
          body: 'Arrives {{ when }}',
          action_url: '/orders/{{ order }}',
        },
      },
      {
        id: WEEKLY_DIGEST,
        name: 'Weekly digest',
        channels: [EMAIL_CHANNEL, SMS_CHANNEL, CHAT_CHANNEL],
      },
    ],
  };
  const created = await command<{
    id: string;
    apiKey: string;
    secretKey: string;
    vapidPublicKey: string;
  }>('fake', { op: 'create', config: { ...defaults, ...config } });
  const id = created!.id;
  const call = <T>(op: string, args: Record<string, unknown> = {}) =>
    command<T>('fake', { op, project: id, ...args });
  const baseUrl = `${API_ORIGIN}/fake/${id}`;
  return {
    ...created!,
    baseUrl,
    apiUrl: `${baseUrl}/user/v1`,
    channelId: WEB_PUSH_CHANNEL,
    sign: (sub: string, options: UserKeyClaims = {}) => call<string>('sign', { sub, ...options }),
    fail: (fault: Omit<Fault, 'path'> & { path?: string; pathRegex?: string }) =>
      call<boolean>('fail', { fault }),
    clearFaults: () => call<boolean>('clearFaults'),
    /** Deletes a notiflow from the project, as its owner would in the dashboard. */
    removeNotiflow: (notiflowId: string) => call<boolean>('removeNotiflow', { notiflowId }),
    snapshot: () => call<Snapshot>('snapshot'),
    requests: async () => (await call<Snapshot>('snapshot')).requests,
    set: (values: {
      developmentMode?: boolean;
      apiKey?: string;
      allowedOrigins?: string[] | '*';
    }) => call<boolean>('set', { values }),
    /** Seeds a device of `user` on a web push channel (default: the project's), created at `createdAt` (ISO). */
    seedDevice: async (
      user: string,
      endpoint: string,
      createdAt: string,
      channelId = WEB_PUSH_CHANNEL,
    ) => {
      const { keys } = await fakeSubscription(endpoint);
      return call<ChannelSubscription>('upsertSubscription', {
        user,
        channelId,
        identifier: endpoint,
        settings: { endpoint, ...keys },
        createdAt,
      });
    },
    /** Calls the admin API with the secret key, from the test server as a customer's server would. */
    admin: async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const r = await call<{ status: number; body: string }>('admin', {
        method,
        path,
        body,
        headers,
      });
      return new Response(r.status === 204 ? null : r.body, { status: r.status });
    },
    dispose: () => call<boolean>('dispose'),
  };
}

export type Project = Awaited<ReturnType<typeof createProject>>;

/** The values of stored pending changes, without their times (undefined: nothing stored). */
export function pendingValues(changes: PendingChanges | undefined) {
  return (
    changes && Object.fromEntries(Object.entries(changes).map(([key, [value]]) => [key, value]))
  );
}

/** A client signed in as `user` of `project`, with a fresh user key. */
export async function clientFor(project: Project, user = 'alice'): Promise<NotiflowsClient> {
  return new NotiflowsClient({
    apiKey: project.apiKey,
    apiUrl: project.apiUrl,
    userKey: await project.sign(user),
  });
}

/** A PushSubscriber for `user` of `project` on `scope`, as the element builds one. */
export async function pushSubscriberFor(
  project: Project,
  scope: string,
  user = 'alice',
  options: Partial<PushSubscriberOptions> = {},
): Promise<PushSubscriber> {
  return new PushSubscriber({
    client: await clientFor(project, user),
    channelId: project.channelId,
    vapidPublicKey: project.vapidPublicKey,
    serviceWorkerScope: scope,
    ...options,
  });
}

/** Removes everything a push test left at a scope: subscription, registration, stored record. */
export async function clearPushScope(scope: string) {
  const url = new URL(scope, location.href).href;
  const reg = await navigator.serviceWorker.getRegistration(url);
  if (reg?.scope === url) {
    await (await reg.pushManager?.getSubscription())?.unsubscribe(); // no pushManager in WebKitGTK
    await reg.unregister();
  }
  await idbRegistrationStorage.remove(url);
}

/** A push scope of its own for each test (or for the suite), cleared after it. */
export interface PushScope {
  /** The scope's path, e.g. `/notiflows-push/card-x1y2/`, made on first use. */
  readonly path: string;
  /** The scope as the browser names it: absolute, the key of its stored record. */
  readonly url: string;
  /** Moves on to a fresh scope (a test that changes `sw-scope`); the old one is cleared too. */
  next(): string;
  /** The endpoint subscribed at the scope, if any. */
  endpoint(): Promise<string | undefined>;
}

/**
 * Gives each test (`perSuite`: the whole suite) a push scope no other test touches, and
 * removes what was left at it afterwards ({@link clearPushScope}). Call it after the suite's
 * own `afterEach`, so its cleanup runs after the suite has disposed its subscribers.
 */
export function usePushScope(prefix: string, { perSuite = false } = {}): PushScope {
  let current: string | undefined;
  const used: string[] = [];
  const next = () => {
    current = `/notiflows-push/${prefix}-${Math.random().toString(36).slice(2)}/`;
    used.push(current);
    return current;
  };
  const scope: PushScope = {
    get path() {
      return current ?? next();
    },
    get url() {
      return new URL(scope.path, location.href).href;
    },
    next,
    endpoint: async () =>
      (
        await (
          await navigator.serviceWorker.getRegistration(scope.url)
        )?.pushManager.getSubscription()
      )?.endpoint,
  };
  (perSuite ? after : afterEach)(async () => {
    current = undefined;
    for (const path of used.splice(0)) await clearPushScope(path);
  });
  return scope;
}

/** A syntactically valid web push subscription (real P-256 point, 16-byte auth). */
export async function fakeSubscription(
  endpoint = `https://push.example.test/${crypto.randomUUID()}`,
) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const b64url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  return {
    endpoint,
    keys: { p256dh: b64url(raw), auth: b64url(crypto.getRandomValues(new Uint8Array(16))) },
  };
}
