import { serverNow } from '../internal/clock.js';
import type { NotiflowsClientBase } from '../api/client-base.js';
import { devMessage, NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { toWebPushSettings } from '../api/web-push-settings.js';
import { base64urlBytes } from '../internal/base64url.js';
import { entries, type Run } from '../internal/idb.js';
import { within } from '../internal/within.js';
import { providerTimedOut } from '../api/user-key.js';
import { keyToStore, keyUsable } from '../internal/stored-key.js';
import { emit, typedEventTarget } from '../internal/typed-events.js';
import { userHashesOf } from '../internal/user-hash.js';
import type { Device } from './devices.js';
import {
  detectPushEnvironment,
  hintFor,
  type PushEnvironment,
  type PushHint,
  type PushState,
} from './environment.js';
import {
  planReconcile,
  recordMatches,
  recordOwner,
  subscriptionKind,
  type ReconcileFacts,
  type ReconcilePlan,
} from './reconcile-plan.js';
import {
  DEFAULT_SCOPE,
  forgetHere,
  idbRegistrationStorage,
  LOCK_FETCH_MS,
  pageUrl,
  registrationAt,
  withPushLock,
  type FallbackText,
  type RegistrationRecord,
  type RegistrationStorage,
} from './registration-store.js';
import { lazy } from '../internal/lazy.js';

/**
 * What changes something (push-work.ts): loaded the first time something must be sent or
 * subscribed, never on a normal load of a subscribed browser. A failed load is `network_error`.
 */
const work = lazy(() => import('./push-work.js'), 'push/push-work');
/** The part, loading from now, its failure left to whoever awaits it. */
const loadEarly = () => {
  const part = work();
  part.catch(() => undefined);
  return part;
};

/** Options of {@link PushSubscriber}. */
export interface PushSubscriberOptions {
  /** The signed-in user's client: this browser is registered for that user. */
  client: NotiflowsClientBase;
  /** The Web Push channel (UUID). */
  channelId: string;
  /** base64url VAPID public key of that channel. */
  vapidPublicKey: string;
  /** Default `/notiflows-sw.js`. */
  serviceWorkerUrl?: string;
  /** Default `/notiflows-push/`: a scope no page lives under, so the site's own worker is never touched. */
  serviceWorkerScope?: string;
  /** Re-confirm an unchanged subscription with the server after this many ms. Default 86400000 (one day). */
  resyncAfter?: number;
  /** How long to wait for our worker to activate, in ms; then `service_worker_failed`. Default 10000. */
  activationTimeout?: number;
  /** How long to wait for the browser's push service to subscribe, in ms; then `push_service_error`. Default 15000. */
  subscribeTimeout?: number;
  /** After this many ms of waiting for the push service, the state gets the hint `slow`. Default 3000. */
  slowAfter?: number;
  /** Localised text the worker shows for an unusable payload. */
  fallback?: FallbackText;
  /** Where a click on a notification without a URL goes. Default: this site's root. */
  defaultUrl?: string;
  /** Where the registration record lives. Default: IndexedDB, where the service worker reads it; replace it only in tests. */
  storage?: RegistrationStorage;
  /** For tests: the platform as detected. */
  environment?: PushEnvironment;
}

/** The `detail` of a {@link PushSubscriber} `change` event: the new state, the one before, and what came with it. */
export interface PushChangeDetail {
  /** `unsubscribed` with hint `other-account`: this browser's notifications go to another user. */
  state: PushState;
  previous: PushState;
  /** What went wrong, with state `error` (and `denied` right after a refused prompt). */
  error?: NotiflowsError;
  /** Advice to show with the state. */
  hint?: PushHint;
}

/** The options with their defaults. @internal */
export type ResolvedOptions = Required<Omit<PushSubscriberOptions, 'fallback' | 'environment'>> &
  Pick<PushSubscriberOptions, 'fallback'>;

const DAY = 86_400_000;
const CHANNEL = 'notiflows-push';

/** base64url → bytes; a VAPID public key must be an uncompressed P-256 point. */
export function vapidKeyBytes(key: string): Uint8Array<ArrayBuffer> {
  const bytes = base64urlBytes(typeof key === 'string' ? key.trim() : key);
  if (bytes?.length !== 65 || bytes[0] !== 4)
    throw new NotiflowsError('invalid_config', devMessage('vapid_key'));
  return bytes;
}

const sameFallback = (a?: FallbackText, b?: FallbackText) =>
  a?.title === b?.title && a?.body === b?.body;

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean | undefined {
  if (!a) return undefined; // the browser does not say
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** Made with this (stored, possibly rotated-away) key. */
function sameKey(sub: PushSubscription, key: string): boolean {
  try {
    return sameBytes(sub.options?.applicationServerKey, vapidKeyBytes(key)) !== false;
  } catch {
    return false;
  }
}

/** The events of a {@link PushSubscriber}. */
export interface PushSubscriberEventMap {
  /** The state, error or hint changed. */
  change: CustomEvent<PushChangeDetail>;
  /** A failure that did not change the state (a server DELETE that could not be sent). */
  error: CustomEvent<{ error: NotiflowsError }>;
}

/** What the subscriber saw before deciding (see {@link planReconcile}). @internal */
export interface Observed {
  facts: ReconcileFacts;
  reg?: ServiceWorkerRegistration;
  sub: PushSubscription | null;
  record?: RegistrationRecord;
  /** This user's hashes ({@link userHashesOf}): the first to store, any to recognise. */
  userHashes: string[];
}

/**
 * Thrown inside an operation whose subscriber was disposed: the user changed, stop.
 * @internal
 * @example
 * if (disposed) throw new Superseded(); // the operation ends quietly, its state unchanged
 */
export class Superseded extends Error {}

/** What push-work.ts, loaded on first use, works with: the subscriber's own parts. @internal */
export interface PushInternals {
  push: PushSubscriber;
  o: ResolvedOptions;
  env: PushEnvironment;
  scope: string;
  disposed(): boolean;
  /** Throws {@link Superseded} once disposed; called before every request or push service step. */
  check(): void;
  set(state: PushState, error?: NotiflowsError, hint?: PushHint): void;
  write(record: RegistrationRecord | undefined): Promise<void>;
  registration(): Promise<ServiceWorkerRegistration | undefined>;
  observe(wanted: boolean): Promise<Observed>;
  apply(plan: ReconcilePlan, observed: Observed): Promise<void>;
  exclusive(work: () => Promise<void>, mustFinish?: boolean): Promise<PushState>;
  broadcast(): void;
  /** Emits `error` for a server DELETE that failed (nothing when `failure` is undefined). */
  reportFailure(failure: unknown): void;
}

/**
 * Web push on this device, kept right over time: permission from a click, our own
 * worker at our own scope, one subscription registered with Notiflows, reconciled on
 * load and on visibility (one tab at a time) for key changes, endpoint changes and
 * user switches. One browser's subscription belongs to one user at a time: the one who
 * last enabled it here. A reconcile never takes it from another user; `enable()` does.
 * Fires `change` events with a {@link PushChangeDetail}, and `error` for a failure that
 * did not change the state (a server DELETE that could not be sent).
 *
 * @example
 * const push = new PushSubscriber({ client, channelId, vapidPublicKey });
 * await push.start();
 * button.onclick = () => push.enable(); // the permission prompt needs the click
 */
export class PushSubscriber extends typedEventTarget<PushSubscriberEventMap>() {
  /** This browser's push state for this user; every change fires `change`. */
  state: PushState;
  /** What went wrong, with state `error` (and `denied` right after a refused prompt); cleared by the next change. */
  error?: NotiflowsError;
  /** Advice to show with the state (e.g. `slow`, `quiet-prompt`, `other-account`); cleared by the next change. */
  hint?: PushHint;

  /**
   * Whether this browser can receive push here at all: false without the Push API, and on an
   * iPhone or iPad outside a Home Screen app. It does not change, where `state` starts at
   * `unsupported` or `ios-needs-install` and may move on (an `enable()` ends in `error`).
   */
  get supported(): boolean {
    return this.#env.supported;
  }

  readonly #o: ResolvedOptions;
  readonly #env: PushEnvironment;
  readonly #scope: string;
  #queue: Promise<unknown> = Promise.resolve();
  #channel?: BroadcastChannel;
  #lastCheck = 0;
  #disposed = false;
  /** Counts logout() calls: an enable() whose prompt was answered after one does nothing. */
  #logouts = 0;

  constructor(options: PushSubscriberOptions) {
    super();
    this.#o = {
      serviceWorkerUrl: '/notiflows-sw.js',
      serviceWorkerScope: DEFAULT_SCOPE,
      resyncAfter: DAY,
      activationTimeout: 10_000,
      subscribeTimeout: 15_000,
      slowAfter: 3_000,
      storage: idbRegistrationStorage,
      // The global's origin: an about:srcdoc frame's `location.origin` is "null".
      defaultUrl: typeof location === 'undefined' ? '/' : `${globalThis.origin}/`,
      ...options,
    } as ResolvedOptions;
    this.#env = options.environment ?? detectPushEnvironment();
    this.#scope = pageUrl(this.#o.serviceWorkerScope);
    this.state = this.#env.supported
      ? 'unsubscribed'
      : this.#env.iosNeedsInstall
        ? 'ios-needs-install'
        : 'unsupported';
    this.#w = {
      push: this,
      o: this.#o,
      env: this.#env,
      scope: this.#scope,
      disposed: () => this.#disposed,
      check: () => this.#check(),
      set: (...a) => this.#set(...a),
      write: (record) => this.#write(record),
      registration: () => this.#registration(),
      observe: (wanted) => this.#observe(wanted),
      apply: (plan, observed) => this.#apply(plan, observed),
      exclusive: (job, mustFinish) => this.#exclusive(job, mustFinish),
      broadcast: () => this.#broadcast(),
      reportFailure: (failure) => this.#reportFailure(failure),
    };
  }

  /** This subscriber's parts, for push-work.ts. */
  readonly #w: PushInternals;

  /**
   * The worker's text for an unusable push, in the panel's language. Stored with this
   * user's record, now if this browser is subscribed (the element calls it when its locale
   * loads or changes).
   */
  setFallback(fallback: FallbackText): void {
    if (sameFallback(fallback, this.#o.fallback)) return;
    this.#o.fallback = fallback;
    // Queued: a reconcile running now may have read the old text (and `state` may not say
    // 'subscribed' yet); when this one runs, only this user's own record is rewritten.
    if (this.#env.supported) void this.reconcile();
  }

  /** Reconciles now, then on visibility and when another tab changes something. */
  start(): Promise<PushState> {
    if (this.#env.supported && !this.#channel) {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e) => {
        if (e.data?.scope === this.#scope) void this.reconcile();
      };
      document.addEventListener('visibilitychange', this.#onVisible);
      // Blocked or allowed again in the browser's settings: act on it at once, where the
      // browser tells (Chromium, Firefox); elsewhere the next visibility change does.
      navigator.permissions?.query({ name: 'notifications' }).then(
        (status) => {
          if (this.#disposed) return;
          this.#permission = status;
          status.addEventListener('change', this.#onPermission);
        },
        () => undefined,
      );
    }
    const reconciled = this.reconcile();
    return this.#env.supported ? reconciled.then(() => this.#moveHere()) : reconciled;
  }

  /**
   * This user's subscription at another scope of ours (`sw-scope` changed, live or with a
   * deploy) would make two workers show every push twice: it moves here. Signed out there
   * (server rows deleted with this user's key, unsubscribed, record removed), then subscribed
   * here if permission is granted. Never when this scope belongs to another user.
   */
  async #moveHere(): Promise<PushState> {
    const { client, storage } = this.#o;
    const all =
      'run' in storage
        ? await entries<RegistrationRecord>(storage as { run: Run }).catch(() => undefined)
        : undefined; // a storage given by a test
    // Bounded: a provider that never answers must not keep start() (the page's first check) waiting.
    const mine = await within(userHashesOf(client), LOCK_FETCH_MS, providerTimedOut).catch(
      (): string[] => [],
    );
    const elsewhere = (all ?? []).filter(
      ([scope, record]) => scope !== this.#scope && mine.includes(record.userHash),
    );
    const here = all?.find(([scope]) => scope === this.#scope)?.[1];
    if (!elsewhere.length || this.#disposed || (here && !mine.includes(here.userHash)))
      return this.state;
    // Not loaded (offline): said, and the next start tries again.
    const w = await work().catch((error: unknown) => this.#reportFailure(error));
    return w && !this.#disposed ? w.moveHere(this.#w, elsewhere, mine) : this.state;
  }
  /** Stops listening; work queued or running for this subscriber stops before its next request. Call it when the user or the page goes away. */
  dispose(): void {
    this.#disposed = true;
    this.#channel?.close();
    this.#channel = undefined;
    document.removeEventListener('visibilitychange', this.#onVisible);
    this.#permission?.removeEventListener('change', this.#onPermission);
  }

  /** Brings local, browser and server state in line. Makes no request when nothing changed. */
  reconcile(): Promise<PushState> {
    this.#lastCheck = Date.now();
    // An enable() on its way syncs anyway; a reconcile meanwhile would show the state before
    // it (Enable, then "Turning on…" again) while the browser's prompt is open.
    return this.#exclusive(async () => {
      if (!this.#enabling) await this.#sync(false);
    });
  }

  /**
   * Asks permission and subscribes (taking this browser over from another user of it, if
   * any). Call it straight from a click handler: the browser prompt is requested
   * synchronously, before anything else, so the click still counts.
   */
  enable(): Promise<PushState> {
    if (!this.#env.supported)
      return this.#exclusive(async () => {
        throw new NotiflowsError('push_unsupported', devMessage('push_unsupported'));
      });
    const permission = Promise.resolve(Notification.requestPermission());
    permission.catch(() => undefined); // handled below, once the part has loaded
    const logouts = this.#logouts;
    this.#enabling++;
    this.#set('subscribing');
    // The part that subscribes loads while the prompt is open. Not loaded (offline): a typed
    // error once the prompt is answered.
    return work()
      .then(
        (w) => w.enable(this.#w, permission, () => logouts !== this.#logouts),
        (error: unknown) =>
          permission
            .catch(() => undefined)
            .then(() => this.#exclusive(() => Promise.reject(error))),
      )
      .finally(() => this.#enabling--);
  }

  /** Stops push on this device for this user: server DELETE first, then the local unsubscribe. */
  disable(): Promise<PushState> {
    const part = loadEarly(); // not under the push lock: a slow network must not hold it
    return this.#exclusive(async () => {
      const w = await part;
      this.#check(); // disposed while it loaded: another user's now
      return w.disable(this.#w);
    });
  }

  /**
   * Shows a notification from our worker's registration, in the words given (the element
   * passes its language's): it tests that this device displays notifications, not that
   * Notiflows reaches it. Needs permission; a click on it opens the site like any other.
   *
   * @example
   * await push.showTestNotification({ title: 'Test notification', body: 'They will look like this.' });
   */
  async showTestNotification(text: { title: string; body: string }): Promise<void> {
    // Said before the part loads: offline, these are still the reason, not the network.
    if (!this.#env.supported)
      throw new NotiflowsError('push_unsupported', devMessage('push_unsupported'));
    if (Notification.permission !== 'granted')
      throw new NotiflowsError('push_denied', devMessage('push_denied'));
    return (await work()).showTestNotification(this.#w, text);
  }

  /**
   * Sign-out on a shared browser: whoever's subscription this browser holds is deleted on
   * the server (while a key of theirs is valid) and locally. The same as the headless `logout()`, in this subscriber's queue.
   */
  logout(): Promise<PushState> {
    this.#logouts++;
    const part = loadEarly();
    return this.#exclusive(async () => {
      try {
        await part.then(
          (w) => w.signOut(this.#w),
          (error: unknown) => this.#dropLocally(error),
        );
      } finally {
        this.#o.client.signOut(); // its next request asks the provider: never the signed-out key
      }
      this.#set(
        this.#env.supported && Notification.permission === 'denied' ? 'denied' : 'unsubscribed',
      );
      this.#broadcast();
    }, true);
  }

  /** Every browser of this user on this channel, newest first, this one marked `current`. */
  async listDevices(options?: { signal?: AbortSignal }): Promise<Device[]> {
    return (await work()).listDevices(this.#w, options);
  }

  /**
   * Stops notifications to one of this user's browsers (a lost laptop, a library PC).
   * This browser's own entry is `disable()`: the server row and the local subscription go.
   */
  async removeDevice(identifier: string): Promise<void> {
    return (await work()).removeDevice(this.#w, identifier);
  }

  /**
   * A sign-out whose server part could not be loaded (offline): the local part still runs,
   * which needs no request. The unsubscribe kills the endpoint; the record (with its copy of
   * the key) goes; `failure` is reported as a DELETE that could not be sent.
   */
  async #dropLocally(failure: unknown): Promise<void> {
    await (this.#env.supported ? forgetHere(this.#scope, this.#o.storage) : this.#write(undefined));
    this.#reportFailure(failure);
  }

  #permission?: PermissionStatus;
  /** enable() calls on their way: the permission they ask for is theirs to act on. */
  #enabling = 0;
  #onPermission = () => {
    if (!this.#enabling) void this.reconcile();
  };

  #onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.#lastCheck > 5_000)
      void this.reconcile();
  };

  // One operation at a time in this tab, and across tabs through a Web Lock. A sign-out
  // (`mustFinish`) still runs when the subscriber is disposed before its turn.
  #exclusive(work: () => Promise<void>, mustFinish = false): Promise<PushState> {
    const run = async () => {
      if (this.#disposed && !mustFinish) return this.state;
      try {
        await withPushLock(this.#scope, work);
      } catch (error) {
        if (error instanceof Superseded || this.#disposed) return this.state;
        const e = toNotiflowsError(error, 'push_service_error');
        this.#set(
          e.code === 'push_denied' ? 'denied' : 'error',
          e,
          e.code === 'push_service_error' ? hintFor(this.#env) : undefined,
        );
      }
      return this.state;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next;
    return next;
  }

  /** Called before every step that touches the push service or the server. */
  #check(): void {
    if (this.#disposed) throw new Superseded();
  }

  #set(state: PushState, error?: NotiflowsError, hint?: PushHint): void {
    const previous = this.state;
    const changed = previous !== state || this.error !== error || this.hint !== hint;
    this.state = state;
    this.error = error;
    this.hint = hint;
    if (changed && !this.#disposed)
      emit<PushSubscriberEventMap, 'change'>(this, 'change', { state, previous, error, hint });
  }

  // A nudge, not data: "something changed at this scope". It names no user and carries no
  // state; each tab re-reads the record for its own user, which is how another user's tab
  // learns the device is no longer its own.
  #broadcast(): void {
    if (this.#channel) this.#channel.postMessage({ scope: this.#scope });
    else if (this.#disposed && this.#env.supported) {
      const channel = new BroadcastChannel(CHANNEL); // a sign-out that outlived its subscriber
      channel.postMessage({ scope: this.#scope });
      channel.close();
    }
  }

  async #read(): Promise<RegistrationRecord | undefined | 'unreadable'> {
    try {
      return await this.#o.storage.read(this.#scope);
    } catch {
      return 'unreadable'; // a wedged IndexedDB: whose subscription this is cannot be told
    }
  }

  async #write(record: RegistrationRecord | undefined): Promise<void> {
    try {
      await (record
        ? this.#o.storage.write(this.#scope, record)
        : this.#o.storage.remove(this.#scope));
    } catch {
      // the server and the browser stay right; the next load re-syncs
    }
  }

  #registration(): Promise<ServiceWorkerRegistration | undefined> {
    return registrationAt(this.#scope);
  }

  /** The facts of this browser, this user and the stored record; drops a stored key that expired. */
  async #observe(wanted: boolean): Promise<Observed> {
    const reg = this.#env.supported ? await this.#registration() : undefined;
    const read = await this.#read();
    let record = read === 'unreadable' ? undefined : read;
    const sub = reg ? await reg.pushManager.getSubscription() : null;
    // Under the lock: a site's key endpoint that does not answer must not hold it.
    const userHashes = await within(userHashesOf(this.#o.client), LOCK_FETCH_MS, providerTimedOut);
    if (record?.userKey && !keyUsable(record.userKeyExpiresAt, serverNow())) {
      // Kept at rest only while valid (and while its user owns this browser's subscription).
      record = { ...record, userKey: undefined, userKeyExpiresAt: undefined };
      await this.#write(record);
    }
    const subscription = subscriptionKind(
      sub && {
        configuredKey: sameBytes(
          sub.options?.applicationServerKey,
          vapidKeyBytes(this.#o.vapidPublicKey),
        ),
        recordKey: !!record && sameKey(sub, record.vapidPublicKey),
      },
    );
    const { client, vapidPublicKey, channelId } = this.#o;
    const matches =
      subscription === 'ours' &&
      recordMatches(record, {
        ...toWebPushSettings(sub!),
        vapidPublicKey,
        channelId,
        apiUrl: client.apiUrl,
        apiKey: client.apiKey,
        userHash: userHashes[0]!,
      });
    const facts: ReconcileFacts = {
      supported: this.#env.supported,
      permission: this.#env.supported ? Notification.permission : 'default',
      wanted,
      subscription,
      record: recordOwner(read, userHashes),
      blocked: !!record?.blockedAt,
      recordMatches: matches,
      fresh: !!record && Date.now() - record.syncedAt < this.#o.resyncAfter,
    };
    return { facts, reg, sub, record, userHashes };
  }

  async #sync(wanted: boolean): Promise<void> {
    const observed = await this.#observe(wanted);
    await this.#apply(planReconcile(observed.facts), observed);
  }

  /**
   * Carries out a plan. What a normal load meets (nothing to send) is done here; a plan that
   * sends or subscribes loads push-work.ts for it.
   */
  async #apply(plan: ReconcilePlan, observed: Observed): Promise<void> {
    const { facts, record, userHashes } = observed;
    switch (plan) {
      case 'unsupported':
        if (!facts.wanted) return;
        throw new NotiflowsError('push_unsupported', devMessage('push_unsupported'));
      case 'blocked':
        // Blocked before `project` was set: stored under the current hash, no request.
        if (facts.record === 'this-user' && record!.userHash !== userHashes[0])
          await this.#write({ ...record!, userHash: userHashes[0]! });
        return this.#set(Notification.permission === 'denied' ? 'denied' : 'prompt');
      case 'foreign':
        return this.#set(
          'error',
          new NotiflowsError('push_service_error', devMessage('scope_taken', this.#scope)),
        );
      case 'other-owner':
        return this.#set('unsubscribed', undefined, 'other-account');
      case 'off':
        return this.#set('unsubscribed');
      case 'in-sync': {
        const key = keyToStore(this.#o.client.currentUserKey(), serverNow());
        const fallback = this.#o.fallback ?? record!.fallback;
        if (key.userKey !== record!.userKey || !sameFallback(fallback, record!.fallback))
          await this.#write({ ...record!, ...key, fallback });
        return this.#set('subscribed');
      }
    }
    const w = await work();
    this.#check(); // disposed while it loaded: another user's now
    return w.apply(this.#w, plan, observed);
  }

  // The endpoint is dead either way, so nothing more can arrive; still say what failed.
  #reportFailure(failure: unknown): void {
    if (failure && !this.#disposed)
      emit<PushSubscriberEventMap, 'error'>(this, 'error', {
        error: toNotiflowsError(failure, 'network_error'),
      });
  }
}
