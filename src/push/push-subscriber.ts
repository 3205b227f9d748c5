import { NotiflowsClient } from '../api/client.js';
import { NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { toWebPushSettings } from '../api/web-push-settings.js';
import { sha256 } from '../internal/sha256.js';
import { detectPushEnvironment, hintFor, type PushEnvironment, type PushHint, type PushState } from './environment.js';
import { idbRegistrationStorage, type FallbackText, type RegistrationRecord, type RegistrationStorage } from './registration-store.js';
import { preflightWorker, registerWorker } from './service-worker.js';

export interface PushSubscriberOptions {
  client: NotiflowsClient;
  /** The Web Push channel (UUID). */
  channelId: string;
  /** base64url VAPID public key of that channel. */
  vapidPublicKey: string;
  /** Default `/notiflows-sw.js`. */
  serviceWorkerUrl?: string;
  /** Default `/notiflows-push/`: a scope no page lives under, so the site's own worker is never touched. */
  serviceWorkerScope?: string;
  /** Re-confirm an unchanged subscription with the server after this many ms. Default one day. */
  resyncAfter?: number;
  activationTimeout?: number;
  subscribeTimeout?: number;
  /** Localised text the worker shows for an unusable payload. */
  fallback?: FallbackText;
  /** Where a click on a notification without a URL goes. Default: this site's root. */
  defaultUrl?: string;
  storage?: RegistrationStorage;
  /** For tests: the platform as detected. */
  environment?: PushEnvironment;
}

export interface PushChangeDetail {
  state: PushState;
  previous: PushState;
  error?: NotiflowsError;
  hint?: PushHint;
}

type ResolvedOptions = Required<Omit<PushSubscriberOptions, 'fallback' | 'environment'>> & Pick<PushSubscriberOptions, 'fallback'>;

const DAY = 86_400_000;
const CHANNEL = 'notiflows-push';

/** base64url → bytes; a VAPID public key must be an uncompressed P-256 point. */
export function vapidKeyBytes(key: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    const b64 = key.trim().replace(/-/g, '+').replace(/_/g, '/');
    bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    bytes = new Uint8Array();
  }
  if (bytes.length !== 65 || bytes[0] !== 4) throw new NotiflowsError('invalid_config', 'vapid-public-key is not a base64url P-256 public key.');
  return bytes;
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean | undefined {
  if (!a) return undefined; // the browser does not say
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/**
 * Web push on this device, kept right over time: permission from a click, our own
 * worker at our own scope, one subscription registered with Notiflows, reconciled on
 * load and on visibility (one tab at a time) for key changes, endpoint changes and
 * user switches. Fires `change` events with a {@link PushChangeDetail}.
 */
export class PushSubscriber extends EventTarget {
  state: PushState;
  error?: NotiflowsError;
  hint?: PushHint;

  readonly #o: ResolvedOptions;
  readonly #env: PushEnvironment;
  readonly #scope: string;
  #queue: Promise<unknown> = Promise.resolve();
  #channel?: BroadcastChannel;
  #lastCheck = 0;
  #disposed = false;

  constructor(options: PushSubscriberOptions) {
    super();
    this.#o = {
      serviceWorkerUrl: '/notiflows-sw.js', serviceWorkerScope: '/notiflows-push/', resyncAfter: DAY,
      activationTimeout: 10_000, subscribeTimeout: 30_000, storage: idbRegistrationStorage,
      defaultUrl: typeof location === 'undefined' ? '/' : `${location.origin}/`, ...options,
    } as ResolvedOptions;
    this.#env = options.environment ?? detectPushEnvironment();
    this.#scope = new URL(this.#o.serviceWorkerScope, location.href).href;
    this.state = this.#env.supported ? 'unsubscribed' : this.#env.iosNeedsInstall ? 'ios-needs-install' : 'unsupported';
  }

  /** Reconciles now, then on visibility and when another tab changes something. */
  start(): Promise<PushState> {
    if (this.#env.supported && !this.#channel) {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e) => { if (e.data?.scope === this.#scope) void this.reconcile(); };
      document.addEventListener('visibilitychange', this.#onVisible);
    }
    return this.reconcile();
  }

  dispose(): void {
    this.#disposed = true;
    this.#channel?.close();
    this.#channel = undefined;
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  /** Brings local, browser and server state in line. Makes no request when nothing changed. */
  reconcile(): Promise<PushState> {
    this.#lastCheck = Date.now();
    return this.#exclusive(() => this.#sync(false));
  }

  /**
   * Asks permission and subscribes. Call it straight from a click handler: the browser
   * prompt is requested synchronously, before anything else, so the click still counts.
   */
  enable(): Promise<PushState> {
    const permission = this.#env.supported ? Promise.resolve(Notification.requestPermission()) : undefined;
    return this.#exclusive(async () => {
      if (!permission) throw new NotiflowsError('push_unsupported', 'This browser cannot receive web push here.');
      this.#set('subscribing');
      const result = await permission;
      if (result === 'denied') throw new NotiflowsError('push_denied', 'Notifications are blocked for this site.');
      if (result !== 'granted') {
        // Dismissed, or silently held back by Chrome's quiet prompt.
        this.#set('prompt', undefined, 'quiet-prompt');
        return;
      }
      await this.#sync(true);
      this.#broadcast();
    });
  }

  /** Stops push on this device: server DELETE first, then the local unsubscribe. */
  disable(): Promise<PushState> {
    return this.#exclusive(async () => {
      await this.#forget();
      this.#set(Notification.permission === 'denied' ? 'denied' : 'unsubscribed');
      this.#broadcast();
    });
  }

  /** Like `disable()`, for sign-out on a shared browser: nothing of this user stays behind. */
  logout(): Promise<PushState> {
    return this.disable();
  }

  #onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.#lastCheck > 5_000) void this.reconcile();
  };

  // One operation at a time in this tab, and across tabs through a Web Lock.
  #exclusive(work: () => Promise<void>): Promise<PushState> {
    const run = async () => {
      if (this.#disposed) return this.state;
      try {
        const locks = navigator.locks;
        await (locks ? locks.request(`${CHANNEL}:${this.#scope}`, work) : work());
      } catch (error) {
        const e = toNotiflowsError(error, 'push_service_error');
        this.#set(e.code === 'push_denied' ? 'denied' : 'error', e, e.code === 'push_service_error' ? hintFor(this.#env) : undefined);
      }
      return this.state;
    };
    const next = this.#queue.then(run, run);
    this.#queue = next;
    return next;
  }

  #set(state: PushState, error?: NotiflowsError, hint?: PushHint): void {
    const previous = this.state;
    const changed = previous !== state || this.error !== error || this.hint !== hint;
    this.state = state;
    this.error = error;
    this.hint = hint;
    if (changed && !this.#disposed) this.dispatchEvent(new CustomEvent<PushChangeDetail>('change', { detail: { state, previous, error, hint } }));
  }

  #broadcast(): void {
    this.#channel?.postMessage({ scope: this.#scope, state: this.state });
  }

  async #read(): Promise<RegistrationRecord | undefined> {
    try {
      return await this.#o.storage.read(this.#scope);
    } catch {
      return undefined; // a wedged IndexedDB: carry on from the browser's own state
    }
  }

  async #write(record: RegistrationRecord | undefined): Promise<void> {
    try {
      await (record ? this.#o.storage.write(this.#scope, record) : this.#o.storage.remove(this.#scope));
    } catch {
      // the server and the browser stay right; the next load re-syncs
    }
  }

  async #registration(): Promise<ServiceWorkerRegistration | undefined> {
    const reg = await navigator.serviceWorker.getRegistration(this.#scope);
    return reg?.scope === this.#scope ? reg : undefined; // not the site's own broader worker
  }

  async #userHash(): Promise<string> {
    const { client, channelId } = this.#o;
    return sha256([client.apiUrl, client.apiKey, channelId, await client.resolveUserId()].join('\n'));
  }

  /** Ours: made with the configured key, or with the key we stored (a rotation). */
  #isOurs(sub: PushSubscription, record?: RegistrationRecord): boolean {
    const configured = sameBytes(sub.options?.applicationServerKey, vapidKeyBytes(this.#o.vapidPublicKey));
    if (configured !== false) return true;
    if (!record) return false;
    try {
      return sameBytes(sub.options?.applicationServerKey, vapidKeyBytes(record.vapidPublicKey)) !== false;
    } catch {
      return false;
    }
  }

  async #sync(wanted: boolean): Promise<void> {
    if (!this.#env.supported) {
      if (wanted) throw new NotiflowsError('push_unsupported', 'This browser cannot receive web push here.');
      return;
    }
    const permission = Notification.permission;
    let reg = await this.#registration();
    const record = await this.#read();
    let sub = reg ? await reg.pushManager.getSubscription() : null;
    const userHash = await this.#userHash();
    const sameUser = record?.userHash === userHash;

    if (permission !== 'granted') {
      // Permission revoked while subscribed: the endpoint is dead; tell the server.
      if (record || (sub && this.#isOurs(sub, record))) await this.#forget({ sub, record: sameUser ? record : undefined });
      return this.#set(permission === 'denied' ? 'denied' : 'prompt');
    }
    if (sub && !this.#isOurs(sub, record)) {
      return this.#set('error', new NotiflowsError('push_service_error', `Another push subscription uses the scope ${this.#scope}; set a scope of its own with sw-scope.`));
    }
    if (sub && record && !sameUser) {
      // Another user (or project) on this browser: remove the old user's row with their
      // stored key while it is valid; killing the endpoint stops their pushes either way.
      await this.#deleteForPreviousUser(record);
      await sub.unsubscribe().catch(() => false);
      await this.#write(undefined);
      sub = null;
      wanted = true;
    }
    const vapid = vapidKeyBytes(this.#o.vapidPublicKey);
    let stale = sameUser ? record?.staleEndpoint : undefined;
    if (sub && sameBytes(sub.options?.applicationServerKey, vapid) === false) {
      stale = sub.endpoint; // VAPID key rotated: the old subscription cannot receive any more
      await sub.unsubscribe().catch(() => false);
      sub = null;
      wanted = true;
    }
    if (!sub) {
      if (record && sameUser) { stale ??= record.endpoint; wanted = true; } // the browser dropped it: restore
      if (!wanted) {
        if (record) await this.#write(undefined);
        return this.#set('unsubscribed');
      }
      reg ??= await this.#ensureWorker();
      this.#set('subscribing');
      sub = await this.#subscribe(reg, vapid);
    }

    const settings = toWebPushSettings(sub);
    if (sameUser && record && record.endpoint !== settings.endpoint) stale ??= record.endpoint;
    const unchanged = sameUser && record && record.endpoint === settings.endpoint && record.p256dh === settings.p256dh
      && record.auth === settings.auth && record.vapidPublicKey === this.#o.vapidPublicKey && !stale;
    const key = this.#o.client.currentUserKey();
    if (unchanged && Date.now() - record.syncedAt < this.#o.resyncAfter) {
      if (key?.key !== record.userKey) await this.#write({ ...record, userKey: key?.key, userKeyExpiresAt: key?.expiresAt });
      return this.#set('subscribed');
    }
    await this.#o.client.addSubscription(this.#o.channelId, settings);
    if (stale && stale !== settings.endpoint) {
      await this.#o.client.removeSubscription(this.#o.channelId, stale).then(() => (stale = undefined), () => undefined);
    }
    await this.#write({
      userHash, apiUrl: this.#o.client.apiUrl, apiKey: this.#o.client.apiKey, channelId: this.#o.channelId,
      vapidPublicKey: this.#o.vapidPublicKey, ...settings, syncedAt: Date.now(), staleEndpoint: stale === settings.endpoint ? undefined : stale,
      userKey: key?.key, userKeyExpiresAt: key?.expiresAt, fallback: this.#o.fallback, defaultUrl: this.#o.defaultUrl,
    });
    this.#set('subscribed');
  }

  async #deleteForPreviousUser(record: RegistrationRecord): Promise<void> {
    if (!record.userKey || !record.userKeyExpiresAt || record.userKeyExpiresAt - Date.now() < 60_000) return;
    try {
      const previous = new NotiflowsClient({ apiKey: record.apiKey, apiUrl: record.apiUrl, userKey: record.userKey, retry: false, timeout: 5_000 });
      await previous.removeSubscription(record.channelId, record.endpoint);
    } catch {
      // best effort: the endpoint dies below regardless
    }
  }

  async #ensureWorker(): Promise<ServiceWorkerRegistration> {
    await preflightWorker(this.#o.serviceWorkerUrl);
    return registerWorker(this.#o.serviceWorkerUrl, this.#scope, this.#o.activationTimeout);
  }

  async #subscribe(reg: ServiceWorkerRegistration, key: Uint8Array<ArrayBuffer>): Promise<PushSubscription> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new NotiflowsError('push_service_error', 'The browser push service did not answer.')), this.#o.subscribeTimeout);
        }),
      ]);
    } catch (error) {
      if (error instanceof NotiflowsError) throw error;
      const name = (error as Error)?.name;
      if (name === 'NotAllowedError') throw new NotiflowsError('push_denied', 'Notifications are blocked for this site.', { cause: error });
      throw new NotiflowsError('push_service_error', `The browser push service refused the subscription: ${(error as Error)?.message ?? error}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Server DELETE first (best effort), then the local unsubscribe and the record. */
  async #forget(known?: { sub: PushSubscription | null; record?: RegistrationRecord }): Promise<void> {
    let sub = known?.sub;
    let record = known?.record;
    if (!known) {
      const reg = await this.#registration();
      sub = reg ? await reg.pushManager.getSubscription() : null;
      record = await this.#read();
      if (record && record.userHash !== await this.#userHash()) record = undefined; // not ours to delete
    }
    const ours = sub && this.#isOurs(sub, record) ? sub : null;
    const endpoints = new Set([ours?.endpoint, record?.endpoint, record?.staleEndpoint].filter((e): e is string => !!e));
    let failure: unknown;
    for (const endpoint of endpoints) {
      await this.#o.client.removeSubscription(this.#o.channelId, endpoint).catch((error) => { failure = error; });
    }
    await ours?.unsubscribe().catch(() => false);
    await this.#write(undefined);
    // The endpoint is dead either way, so nothing more can arrive; still say what failed.
    if (failure) this.dispatchEvent(new CustomEvent('error', { detail: { error: toNotiflowsError(failure, 'network_error') } }));
  }
}
