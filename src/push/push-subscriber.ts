import { serverNow } from '../internal/clock.js';
import type { NotiflowsClient } from '../api/client.js';
import { devMessage, NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { toWebPushSettings } from '../api/web-push-settings.js';
import { base64urlBytes } from '../internal/base64url.js';
import { entries, type Run } from '../internal/idb.js';
import { within } from '../internal/within.js';
import { providerTimedOut } from '../api/user-key.js';
import { keyToStore, keyUsable } from '../internal/stored-key.js';
import { emit, typedEventTarget } from '../internal/typed-events.js';
import { userHashesOf } from '../internal/user-hash.js';
import { toDevices, type Device } from './devices.js';
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
  idbRegistrationStorage,
  staleSettled,
  uniqueRows,
  LOCK_FETCH_MS,
  UNDER_LOCK,
  withPushLock,
  type FallbackText,
  type RegistrationRecord,
  type RegistrationStorage,
  type StaleRow,
} from './registration-store.js';
import { preflightWorker, registerWorker } from './service-worker.js';
import { DEFAULT_SCOPE, deleteRows, signOutDevice } from './sign-out.js';

/** Options of {@link PushSubscriber}. */
export interface PushSubscriberOptions {
  /** The signed-in user's client: this browser is registered for that user. */
  client: NotiflowsClient;
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

type ResolvedOptions = Required<Omit<PushSubscriberOptions, 'fallback' | 'environment'>> &
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

/** What the subscriber saw before deciding (see {@link planReconcile}). */
interface Observed {
  facts: ReconcileFacts;
  reg?: ServiceWorkerRegistration;
  sub: PushSubscription | null;
  record?: RegistrationRecord;
  /** This user's hashes ({@link userHashesOf}): the first to store, any to recognise. */
  userHashes: string[];
}

/** Thrown inside an operation whose subscriber was disposed: the user changed, stop. */
class Superseded extends Error {}

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
      defaultUrl: typeof location === 'undefined' ? '/' : `${location.origin}/`,
      ...options,
    } as ResolvedOptions;
    this.#env = options.environment ?? detectPushEnvironment();
    this.#scope = new URL(this.#o.serviceWorkerScope, location.href).href;
    this.state = this.#env.supported
      ? 'unsubscribed'
      : this.#env.iosNeedsInstall
        ? 'ios-needs-install'
        : 'unsupported';
  }

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
    for (const [scope] of elsewhere)
      await withPushLock(scope, async () => {
        // Still this user's, now that the lock is held (another tab may have taken it over).
        if (mine.includes((await storage.read(scope))?.userHash ?? ''))
          await signOutDevice(scope, { client, storage });
      }).catch(() => undefined); // the next start tries again
    if (Notification.permission !== 'granted') return this.state;
    return this.#exclusive(async () => {
      const observed = await this.#observe(true);
      const plan = planReconcile(observed.facts);
      if (plan === 'take-over') return; // only a click takes a device from its owner
      await this.#apply(plan, observed);
      this.#broadcast();
    });
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
    const logouts = this.#logouts;
    this.#enabling++;
    this.#set('subscribing');
    // Answered outside the push lock: a prompt left open must not keep logout() in another
    // tab (or this tab's reconciles) waiting.
    const locked = (answer: () => NotificationPermission) =>
      this.#exclusive(async () => {
        const result = answer();
        if (logouts !== this.#logouts) return; // signed out while the prompt was open
        if (result === 'denied') throw new NotiflowsError('push_denied', devMessage('push_denied'));
        if (result !== 'granted') {
          // Dismissed, or silently held back by Chrome's quiet prompt.
          this.#set('prompt', undefined, 'quiet-prompt');
          return;
        }
        await this.#sync(true);
        this.#broadcast();
      });
    return permission
      .then(
        (result) => locked(() => result),
        (error: unknown) =>
          locked(() => {
            throw error;
          }),
      )
      .finally(() => this.#enabling--);
  }

  /** Stops push on this device for this user: server DELETE first, then the local unsubscribe. */
  disable(): Promise<PushState> {
    return this.#exclusive(async () => {
      const { facts } = await this.#observe(false);
      if (facts.record !== 'other-user') await this.#signOut();
      this.#set(
        Notification.permission === 'denied' ? 'denied' : 'unsubscribed',
        undefined,
        facts.record === 'other-user' ? 'other-account' : undefined,
      );
      this.#broadcast();
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
    if (!this.#env.supported)
      throw new NotiflowsError('push_unsupported', devMessage('push_unsupported'));
    if (Notification.permission !== 'granted')
      throw new NotiflowsError('push_denied', devMessage('push_denied'));
    try {
      const reg = (await this.#registration()) ?? (await this.#ensureWorker());
      await reg.showNotification(text.title, {
        body: text.body,
        tag: 'notiflows-test', // a second test replaces the first
        data: { notiflows: 1 },
      });
    } catch (error) {
      throw toNotiflowsError(error, 'push_service_error');
    }
  }

  /**
   * Sign-out on a shared browser: whoever's subscription this browser holds is deleted on
   * the server (while a key of theirs is valid) and locally. The same as the headless `logout()`, in this subscriber's queue.
   */
  logout(): Promise<PushState> {
    this.#logouts++;
    return this.#exclusive(async () => {
      try {
        await this.#signOut();
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
    const subscriptions = await this.#o.client.listSubscriptions(this.#o.channelId, options);
    const reg = this.#env.supported ? await this.#registration() : undefined;
    const current = reg ? (await reg.pushManager.getSubscription())?.endpoint : undefined;
    return toDevices(subscriptions, current);
  }

  /**
   * Stops notifications to one of this user's browsers (a lost laptop, a library PC).
   * This browser's own entry is `disable()`: the server row and the local subscription go.
   */
  async removeDevice(identifier: string): Promise<void> {
    const reg = this.#env.supported ? await this.#registration() : undefined;
    if (reg && (await reg.pushManager.getSubscription())?.endpoint === identifier) {
      await this.disable();
      return;
    }
    await this.#o.client.removeSubscription(this.#o.channelId, identifier);
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

  async #registration(): Promise<ServiceWorkerRegistration | undefined> {
    const reg = await navigator.serviceWorker.getRegistration(this.#scope);
    return reg?.scope === this.#scope ? reg : undefined; // not the site's own broader worker
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

  async #apply(
    plan: ReconcilePlan,
    { facts, reg, sub, record, userHashes }: Observed,
  ): Promise<void> {
    const permission = () => (Notification.permission === 'denied' ? 'denied' : 'prompt');
    // Rows of this user's to DELETE once the current one is registered.
    const stale: StaleRow[] = [];
    switch (plan) {
      case 'unsupported':
        if (!facts.wanted) return;
        throw new NotiflowsError('push_unsupported', devMessage('push_unsupported'));
      case 'blocked':
        // Blocked before `project` was set: stored under the current hash, no request.
        if (facts.record === 'this-user' && record!.userHash !== userHashes[0])
          await this.#write({ ...record!, userHash: userHashes[0]! });
        return this.#set(permission());
      case 'revoke':
        // Permission withdrawn: the endpoint is dead for whoever owned it; tell the server.
        // This user's record stays, so that allowing notifications again brings push back.
        this.#check();
        if (facts.record === 'this-user') await this.#block(record!, sub, userHashes[0]!);
        else await this.#signOut(sub);
        return this.#set(permission());
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
      case 'take-over':
        // The previous owner's row goes with their own key while it is valid; the local
        // unsubscribe kills their endpoint either way.
        this.#check();
        if (record) await deleteRows(record, sub?.endpoint);
        this.#check();
        await sub?.unsubscribe().catch(() => false);
        await this.#write(undefined);
        record = undefined;
        sub = null;
        break;
      case 'rotate-key':
        // The old key's subscription cannot receive any more (its row is on the record's channel).
        stale.push({ channelId: record!.channelId, endpoint: sub!.endpoint });
        this.#check();
        await sub!.unsubscribe().catch(() => false);
        sub = null;
        break;
    }
    // subscribe, register, restore, rotate-key, take-over
    const own = facts.record === 'this-user' ? record : undefined; // only this user's record names rows to clean up
    // Only for the very subscription the server confirmed: a row pruned after the endpoint
    // changed (the push service's 410) is not a removal, and is registered again below.
    if (
      !facts.wanted &&
      own &&
      sub?.endpoint === own.endpoint &&
      (await this.#removedElsewhere(own))
    )
      return this.#forgetRemoved(own, sub);
    // Its row and those left behind; the one registered below is kept (uniqueRows' `except`).
    if (own)
      stale.push({ channelId: own.channelId, endpoint: own.endpoint }, ...(own.staleRows ?? []));
    await this.#register(sub ?? (await this.#subscribeHere(reg)), stale, own, userHashes[0]!);
    this.#set('subscribed');
  }

  /** Removed from "Your devices" on another device: it stays removed until a click here. */
  async #forgetRemoved(own: RegistrationRecord, sub: PushSubscription): Promise<void> {
    await this.#deleteStale(own.staleRows ?? []);
    this.#check();
    await sub.unsubscribe().catch(() => false);
    await this.#write(undefined);
    this.#set('unsubscribed', undefined, 'removed-elsewhere');
  }

  /** A new subscription at our scope, registering the worker first if need be. */
  async #subscribeHere(reg?: ServiceWorkerRegistration): Promise<PushSubscription> {
    this.#check();
    reg ??= await this.#ensureWorker();
    this.#set('subscribing');
    this.#check();
    const sub = await this.#subscribe(reg, vapidKeyBytes(this.#o.vapidPublicKey));
    if (this.#disposed) {
      await sub.unsubscribe().catch(() => false); // its user is gone: nobody's subscription stays behind
      throw new Superseded();
    }
    return sub;
  }

  /**
   * Registers `sub` for this user (`userHash`): the record first, then the POST, then the
   * DELETE of every stale row but the one just registered. The record keeps the rows whose
   * DELETE must be tried again.
   */
  async #register(
    sub: PushSubscription,
    stale: StaleRow[],
    own: RegistrationRecord | undefined,
    userHash: string,
  ): Promise<void> {
    const settings = toWebPushSettings(sub);
    const { channelId } = this.#o;
    const rows = uniqueRows(stale, { channelId, endpoint: settings.endpoint });
    const entry: RegistrationRecord = {
      userHash,
      apiUrl: this.#o.client.apiUrl,
      apiKey: this.#o.client.apiKey,
      channelId,
      vapidPublicKey: this.#o.vapidPublicKey,
      ...settings,
      syncedAt: 0,
      staleRows: rows.length ? rows : undefined,
      ...keyToStore(this.#o.client.currentUserKey(), serverNow()),
      fallback: this.#o.fallback,
      defaultUrl: this.#o.defaultUrl,
    };
    // Claimed before the POST: if the POST fails, the next load finishes it for this user,
    // and a logout deletes the row it may have left on the server.
    if (own?.endpoint !== settings.endpoint || own.channelId !== channelId)
      await this.#write(entry);
    this.#check();
    await this.#o.client.addSubscription(channelId, settings, UNDER_LOCK);
    const left = await this.#deleteStale(rows);
    await this.#write({
      ...entry,
      syncedAt: Date.now(),
      staleRows: left.length ? left : undefined,
    });
  }

  /** DELETEs each row with this user's key; resolves to those whose DELETE must be tried again. */
  async #deleteStale(rows: StaleRow[]): Promise<StaleRow[]> {
    const left: StaleRow[] = [];
    for (const row of rows) {
      this.#check();
      const done = await this.#o.client
        .removeSubscription(row.channelId, row.endpoint, UNDER_LOCK)
        .then(
          () => true,
          (error: NotiflowsError) => staleSettled(error.status),
        );
      if (!done) left.push(row);
    }
    return left;
  }

  /**
   * Whether the row this browser registered (and the server confirmed) is gone from the
   * server. Unknown (offline, a server error) counts as not gone: nothing is removed then.
   */
  async #removedElsewhere(own: RegistrationRecord): Promise<boolean> {
    if (!own.syncedAt) return false; // claimed before its POST: the next load finishes that
    this.#check();
    const rows = await this.#o.client
      .listSubscriptions(own.channelId, UNDER_LOCK)
      .catch(() => undefined);
    return !!rows && !rows.some((row) => row.identifier === own.endpoint);
  }

  async #signOut(subscription?: PushSubscription | null): Promise<void> {
    this.#reportFailure(
      await signOutDevice(this.#scope, {
        client: this.#o.client,
        channelId: this.#o.channelId,
        storage: this.#o.storage,
        subscription,
      }),
    );
  }

  /**
   * Notifications were blocked while this user had push on here: their rows go and the
   * subscription is dropped, as in a sign-out, but the record stays (without its stored key),
   * marked blocked, so allowing them again is a `restore`, not a new prompt.
   */
  async #block(
    record: RegistrationRecord,
    sub: PushSubscription | null,
    userHash: string,
  ): Promise<void> {
    const failure = await deleteRows(record, sub?.endpoint, this.#o.client);
    await sub?.unsubscribe().catch(() => false);
    await this.#write({
      ...record,
      userHash,
      blockedAt: Date.now(),
      userKey: undefined,
      userKeyExpiresAt: undefined,
    });
    this.#reportFailure(failure);
  }

  // The endpoint is dead either way, so nothing more can arrive; still say what failed.
  #reportFailure(failure: unknown): void {
    if (failure && !this.#disposed)
      emit<PushSubscriberEventMap, 'error'>(this, 'error', {
        error: toNotiflowsError(failure, 'network_error'),
      });
  }

  async #ensureWorker(): Promise<ServiceWorkerRegistration> {
    await preflightWorker(this.#o.serviceWorkerUrl);
    return registerWorker(this.#o.serviceWorkerUrl, this.#scope, this.#o.activationTimeout);
  }

  async #subscribe(
    reg: ServiceWorkerRegistration,
    key: Uint8Array<ArrayBuffer>,
  ): Promise<PushSubscription> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // An unreachable push service (a firewall, Brave's setting) can hang: say so early, give up in time.
    const slow = setTimeout(() => this.#set('subscribing', undefined, 'slow'), this.#o.slowAfter);
    try {
      return await Promise.race([
        reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new NotiflowsError('push_service_error', devMessage('push_service_timeout'))),
            this.#o.subscribeTimeout,
          );
        }),
      ]);
    } catch (error) {
      if (error instanceof NotiflowsError) throw error;
      const name = (error as Error)?.name;
      if (name === 'NotAllowedError')
        throw new NotiflowsError('push_denied', devMessage('push_denied'), {
          cause: error,
        });
      throw new NotiflowsError(
        'push_service_error',
        devMessage('push_service_refused', (error as Error)?.message ?? String(error)),
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
      clearTimeout(slow);
    }
  }
}
