import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NotiflowsClientBase, type NotiflowsClientOptions } from '../api/client-base.js';
import { NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { decodeUserKey } from '../api/user-key.js';
import type { FallbackText } from '../push/registration-store.js';
import type { NotiflowsPreferences } from './notiflows-preferences.js';
import type { PushSubscriber } from '../push/push-subscriber.js';
import { lazy } from '../internal/lazy.js';
import { atScope, forgetHere, idbRegistrationStorage } from '../push/registration-store.js';
import type { NotiflowsDetail, NotiflowsEventMap } from './events.js';
import type { PreferencesStore } from '../preferences/preferences-store.js';
import {
  sameIdentity,
  clientKey,
  missingPushSetting,
  shareClient,
  sharePush,
  type Held,
  type SharedClient,
  type SharedPush,
} from '../push/page-shared.js';

/** The element properties that name the user of a project: a change to one is another user. */
const USER_CONFIG = [
  'apiKey',
  'project',
  'userKey',
  'userKeyProvider',
  'userId',
  'apiUrl',
] as const;

/**
 * The element properties that configure the client, the store and the push subscriber
 * (listed once): the user's first, then those that only configure push.
 */
export const CONFIG_KEYS = [
  ...USER_CONFIG,
  'channelId',
  'vapidPublicKey',
  'serviceWorkerUrl',
  'serviceWorkerScope',
] as const;

/** The user part of an {@link identityOf} array: its {@link clientKey}. */
const userOf = (identity: unknown[]) => identity.slice(0, -4);

/**
 * What the element's properties configure (the {@link CONFIG_KEYS}, typed and documented on
 * the element, so a key added to the list is checked against it), plus the worker's fallback
 * text (changing it alone rebuilds nothing).
 */
export type NotiflowsConfig = Partial<
  Pick<NotiflowsPreferences, (typeof CONFIG_KEYS)[number]> & { fallback: FallbackText }
>;

/** Who and what a configuration names: a new key for the same user is the same identity. */
const identityOf = (c: NotiflowsConfig): unknown[] => [
  ...clientKey(clientOptions(c)),
  c.channelId,
  c.vapidPublicKey,
  c.serviceWorkerUrl,
  c.serviceWorkerScope,
];

const clientOptions = (c: NotiflowsConfig): NotiflowsClientOptions => ({
  apiKey: c.apiKey!,
  project: c.project,
  apiUrl: c.apiUrl,
  userKey: c.userKey,
  userKeyProvider: c.userKeyProvider,
  userId: c.userId,
});

/** The headless `logout()`, for an element without a push subscriber: loaded when called. */
const loadSignOut = lazy(() => import('../push/sign-out.js'), 'push/sign-out');

/**
 * How long a missing api key or user (no `user-key`, `userKeyProvider` or `user-id`) is taken
 * to be on its way, in ms: pages often set the user key once their own sign-in resolves.
 */
export const CONFIG_GRACE_MS = 4_000;

/**
 * One of the element's events as arguments: its type, then its detail. A union of tuples, so a
 * callback's `(...[type, detail])` narrows `detail` by `type` without a cast.
 */
export type NotiflowsEvent = {
  [K in keyof NotiflowsEventMap]: [type: K, detail: NotiflowsDetail<K>];
}[keyof NotiflowsEventMap];

type Emit = (...event: NotiflowsEvent) => void;

/**
 * Owns the client, the preferences store and the push subscriber for an element, and
 * rebuilds them when the configuration names another user, key or channel. The element
 * only renders what this holds. Their events come out of `emit` as the element's events.
 *
 * @example
 * class Panel extends LitElement {
 *   @property() apiKey?: string;
 *   @property({ attribute: false }) userKeyProvider?: () => Promise<string>;
 *   readonly #ctl = new NotiflowsController(this, (type, detail) =>
 *     this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })),
 *   );
 *   willUpdate() {
 *     this.#ctl.configure({ apiKey: this.apiKey, userKeyProvider: this.userKeyProvider });
 *   }
 *   render() {
 *     const prefs = this.#ctl.store?.view;
 *     return prefs ? html`${Object.keys(prefs.notiflows).length} notiflows` : html`Loading…`;
 *   }
 * }
 */
export class NotiflowsController implements ReactiveController {
  /** The client for the configured user; undefined until connected, and when the configuration is unusable. */
  client?: NotiflowsClientBase;
  /** That client's preferences store; rebuilt with it. */
  store?: PreferencesStore;
  /** That client's push subscriber; only with a `channelId` and a `vapidPublicKey`, in a browser. */
  push?: PushSubscriber;
  /** Settles when {@link push} has reconciled once: its state is this browser's from then on. */
  pushStarted?: Promise<unknown>;
  /** Whether {@link pushStarted} has settled (until then the state is a guess, not shown). */
  get pushChecked(): boolean {
    return !!this.#pushHeld?.value.checked;
  }
  /** Why the configuration cannot be used (`invalid_config`, `secret_key_in_browser`); also emitted as `notiflows-error`. */
  configError?: NotiflowsError;
  /** True while a required setting has not arrived yet; after {@link CONFIG_GRACE_MS} it is `configError`. */
  waiting = false;

  #config: NotiflowsConfig = {};
  #identity: unknown[] = [];
  /** A key the provider returned for another user: the next client starts with it. */
  #switchedKey?: string;
  #connected = false;
  #grace?: ReturnType<typeof setTimeout>;
  readonly #host: ReactiveControllerHost;
  readonly #emit: Emit;
  readonly #Store?: typeof PreferencesStore;

  /**
   * `Store`: the preferences store class, for a host that shows preferences (passed in, so a
   * push-only element ships without it).
   */
  constructor(host: ReactiveControllerHost, emit: Emit, Store?: typeof PreferencesStore) {
    this.#host = host;
    this.#emit = emit;
    this.#Store = Store;
    host.addController(this);
  }

  /** Builds the client, store and subscriber for the configuration given so far. */
  hostConnected(): void {
    this.#connected = true;
    this.#build();
  }

  /** Disposes of them; pending changes go out at once. Reconnecting builds new ones. */
  hostDisconnected(): void {
    this.#connected = false;
    this.#teardown();
    this.#identity = [];
  }

  /**
   * Takes the element's configuration. A new key for the same user is swapped in (no reload);
   * another channel or worker rebuilds the push subscriber only; another user or project
   * rebuilds everything. Applied on connect when the host is not connected.
   */
  configure(config: NotiflowsConfig): void {
    const previous = this.#config;
    this.#config = config;
    // The page named the user anew: its key wins over one the provider switched to, and the
    // client (the provider's user) is rebuilt even if the attribute names the same user as before.
    let renamed = false;
    if (
      this.#switchedKey &&
      (config.userKey !== previous.userKey || config.userKeyProvider !== previous.userKeyProvider)
    ) {
      this.#switchedKey = undefined;
      renamed = true;
    }
    if (!this.#connected) return;
    if (config.fallback) this.push?.setFallback(config.fallback); // the locale loaded or changed
    // A fresh key for the same user of the same project keeps the client (no reload, no
    // flicker). Another user gets a new client: the old one, and any write it has in flight,
    // keeps the old key.
    const user = (c: NotiflowsConfig) => userOf(identityOf(c));
    if (
      this.client &&
      config.userKey &&
      config.userKey !== previous.userKey &&
      sameIdentity(user({ ...config, userKey: previous.userKey }), user(previous))
    ) {
      try {
        if (decodeUserKey(config.userKey).sub === this.client.userId)
          this.client.setUserKey(config.userKey);
      } catch {
        // malformed: the rebuild below reports it
      }
    }
    this.#build(renamed);
  }

  /** Loads preferences again, or builds everything again when there is no store (the configuration failed). */
  reload(): void {
    if (this.waiting) return; // nothing to load yet
    if (this.configError || !this.store) this.#build(true);
    else void this.store.load();
  }

  /**
   * Signs this browser out, mounted or not: this user's pending changes go out first,
   * then the headless `logout()` (through the push subscriber's queue when there is one).
   */
  async logout(): Promise<void> {
    // This user's parts, taken now: a new user or a removal meanwhile must not stop or
    // redirect it. Both ways out drop the client's key (`client.signOut()`).
    const { client, store, push } = this;
    await store?.flush();
    if (push) {
      await push.logout();
      return;
    }
    const c = this.#config;
    let own = client;
    try {
      own ??= new NotiflowsClientBase(clientOptions(c));
    } catch {
      // not configured: the stored record's own key is all there is
    }
    const scope = c.serviceWorkerScope;
    await loadSignOut().then(
      ({ logout }) => logout({ serviceWorkerScope: scope, client: own }),
      // Not loaded (offline): this browser is still signed out here, with no request; the
      // DELETE it could not send is said, as the push subscriber says it.
      (error: unknown) => {
        own?.signOut();
        this.#emit('notiflows-error', { error: toNotiflowsError(error, 'network_error') });
        return atScope(scope, (at) => forgetHere(at, idbRegistrationStorage));
      },
    );
  }

  // The provider now returns a key for another user (the site switched users): a new
  // client, store and subscriber for that user. The old store's pending changes go out
  // with the old client, which never sends them with the new key.
  #userChanged(from: NotiflowsClientBase, key: string): void {
    queueMicrotask(() => {
      if (from !== this.client || !this.#connected) return;
      this.#switchedKey = key;
      this.#build(true);
    });
  }

  #build(force = false): void {
    const identity = identityOf(this.#config);
    if (!force && sameIdentity(identity, this.#identity)) return;
    const sameUser =
      !force && !!this.client && sameIdentity(userOf(identity), userOf(this.#identity));
    this.#identity = identity;
    // Only the channel or the worker changed: the preferences stay as they are.
    if (sameUser) return this.#buildPush();
    this.#teardown();
    const c = this.#config;
    if (!c.apiKey && !c.userKey && !c.userId && !c.userKeyProvider) return; // not configured yet
    let shared: Held<SharedClient>;
    try {
      // Without a store the host shows push only, so the channel is required too; and no user
      // there is a signed-out visitor, not an error: it waits quietly for one.
      const push = this.#Store || (c.channelId && c.vapidPublicKey);
      const user = c.userKey || c.userKeyProvider || c.userId;
      const signedOut = !this.#Store && !user;
      if (signedOut || (!force && !(c.apiKey && user && push))) {
        // A part is missing: what is there is checked now (an sk_ key is refused at once), and
        // the rest gets a little time to arrive before it is called an error (a skeleton meanwhile).
        new NotiflowsClientBase({ ...clientOptions(c), apiKey: c.apiKey ?? 'pk_', userId: '-' });
        this.waiting = true;
        if (!signedOut) this.#grace = setTimeout(() => this.#build(true), CONFIG_GRACE_MS);
        this.#host.requestUpdate();
        return;
      }
      // After a switch the provider's user wins: starting again from the attribute's key
      // (expiring or refused) would ask the provider, switch again, and loop.
      const options = { ...clientOptions(c), userKey: this.#switchedKey ?? c.userKey };
      shared = shareClient(options);
    } catch (error) {
      this.configError = toNotiflowsError(error, 'invalid_config');
      this.#emit('notiflows-error', { error: this.configError });
      this.#host.requestUpdate();
      return;
    }
    const client = (this.client = shared.value.client);
    const onUserChange = (key: string) => this.#userChanged(client, key);
    shared.value.userChange.add(onUserChange);
    this.#releaseClient = () => {
      shared.value.userChange.delete(onUserChange);
      shared.release();
    };
    if (this.#Store) {
      const store = (this.store = new this.#Store({ client }));
      store.addEventListener('change', () => this.#host.requestUpdate());
      store.addEventListener('load', () =>
        this.#emit('notiflows-load', { preferences: store.view! }),
      ); // set before 'load'
      store.addEventListener('save', (e) => this.#emit('notiflows-save', e.detail));
      store.addEventListener('error', (e) => this.#emit('notiflows-error', e.detail));
      void store.load();
    }
    this.#buildPush();
  }

  #releaseClient?: () => void;
  #releasePush?: () => void;
  #pushHeld?: Held<SharedPush>;

  /**
   * Keeps the push subscriber alive for work that must outlive this host (an enable() whose
   * prompt is still open when the element goes away); call the returned function when done.
   */
  holdPush(): () => void {
    const held = this.#pushHeld?.again();
    return () => held?.release();
  }

  /**
   * The page's push subscriber for the configured user, channel and worker, if any (shared
   * with every element configured alike; the previous one is let go).
   */
  #buildPush(): void {
    const c = this.#config;
    this.#releasePush?.();
    this.push = this.pushStarted = this.#releasePush = this.#pushHeld = undefined;
    if (this.client) this.configError = undefined; // only a push setting was wrong
    const missing = this.client && !this.#Store && missingPushSetting(c);
    if (missing) {
      this.configError = missing;
      this.#emit('notiflows-error', { error: missing });
    } else if (this.client && c.channelId && c.vapidPublicKey && typeof window !== 'undefined') {
      const shared = sharePush({
        client: this.client,
        channelId: c.channelId,
        vapidPublicKey: c.vapidPublicKey,
        fallback: c.fallback,
        ...(c.serviceWorkerUrl ? { serviceWorkerUrl: c.serviceWorkerUrl } : {}),
        ...(c.serviceWorkerScope ? { serviceWorkerScope: c.serviceWorkerScope } : {}),
      });
      const push = (this.push = shared.value.push);
      this.pushStarted = shared.value.started;
      // The first state, once known (at once for a subscriber another element started).
      void shared.value.started.finally(() => {
        if (this.push !== push) return;
        this.#emit('notiflows-push-change', { state: push.state, previous: undefined });
        this.#host.requestUpdate();
      });
      if (c.fallback) push.setFallback(c.fallback);
      const listening = new AbortController();
      const signal = listening.signal;
      this.#pushHeld = shared;
      this.#releasePush = () => {
        listening.abort();
        shared.release();
      };
      push.addEventListener(
        'change',
        ({ detail }) => {
          // Until the first check settles, the state was a guess nobody saw: that event tells it.
          if (this.pushChecked)
            this.#emit('notiflows-push-change', { state: detail.state, previous: detail.previous });
          if (detail.error) this.#emit('notiflows-error', { error: detail.error });
          this.#host.requestUpdate();
        },
        { signal },
      );
      push.addEventListener('error', (e) => this.#emit('notiflows-error', e.detail), { signal });
    }
    this.#host.requestUpdate();
  }

  #teardown(): void {
    clearTimeout(this.#grace);
    this.waiting = false;
    this.store?.dispose();
    this.#releasePush?.();
    this.#releaseClient?.();
    this.store = this.push = this.pushStarted = this.client = this.configError = undefined;
    this.#releasePush = this.#releaseClient = this.#pushHeld = undefined;
  }
}
