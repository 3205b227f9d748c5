import type { NotiflowsClientBase } from '../api/client-base.js';
import { getPreferences, updatePreferences } from '../api/requests.js';
import { devMessage, NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { asPreferences } from '../api/shapes.js';
import type { Preferences } from '../api/types.js';
import { serverNow } from '../internal/clock.js';
import { withLock } from '../internal/lock.js';
import { emit, typedEventTarget, type DetailOf } from '../internal/typed-events.js';
import { userHashesOf } from '../internal/user-hash.js';
import { applyChanges, globalKey, parseKey, toUpdate, valueOf, type SwitchKey } from './keys.js';
import {
  idbPendingStorage,
  type PausedRecord,
  type PendingStorage,
  type QueuedChange,
  type StoredChange,
} from './pending-store.js';

/**
 * `loading` until preferences first arrive, then `ready` (a failed reload keeps `ready` and
 * sets `loadError`); `error` when none could be loaded.
 */
export type LoadState = 'loading' | 'ready' | 'error';
/**
 * Per-switch save state: `saving` until confirmed, `retrying` while offline or failing
 * transiently, `failed` when the server refused it or the retries ran out (the error says
 * which; a change whose retries ran out stays queued for the next load).
 */
export type SaveState = 'saving' | 'retrying' | 'saved' | 'failed';

/** The save state of one switch in {@link PreferencesStore.status}, with the error for `retrying` and `failed`. */
export interface SaveStatus {
  state: SaveState;
  error?: NotiflowsError;
}

/** Options of {@link PreferencesStore}. */
export interface PreferencesStoreOptions {
  /** The signed-in user's client: the store is bound to that user for its lifetime. */
  client: NotiflowsClientBase;
  /** Changes made within this many ms go out as one PUT. Default 300. */
  coalesceMs?: number;
  /** In ms: when the tab becomes visible and the data is older than this, it is fetched again. Default 60000. */
  revalidateAfter?: number;
  /** Where unconfirmed changes wait across reloads. Default: IndexedDB, per user. */
  storage?: PendingStorage;
  /** Waits between tries of a write that failed transiently; one try more than entries. Default {@link RETRY_DELAYS_MS}. */
  retryDelays?: readonly number[];
}

const CHANNEL = 'notiflows-preferences';

/** The events of a {@link PreferencesStore}. */
export interface PreferencesStoreEventMap {
  /** Anything to re-render changed (view, status, load state). */
  change: Event;
  /** Preferences arrived. */
  load: Event;
  /** The server confirmed a write. */
  save: CustomEvent<{ keys: SwitchKey[]; preferences: Preferences }>;
  /** A load or a write failed; `keys` for a write. */
  error: CustomEvent<{ error: NotiflowsError; keys?: SwitchKey[] }>;
}

/**
 * The one retry layer of a preferences write: 6 tries over about 10 minutes, each wait
 * ±20 % jitter and never shorter than the server's `Retry-After`. Then the row says it
 * could not save (with Retry) and the change stays queued in IndexedDB.
 */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 8_000, 30_000, 120_000, 420_000];

/**
 * The signed-in user's preferences with optimistic, coalesced, never-lost saving.
 *
 * A change shows at once (`view`); changes close together go out as one partial PUT;
 * one write is in flight at a time; the server's answer is applied except for keys
 * changed since. A permanent failure rolls back only that write's keys; a transient one
 * keeps them, stores them in IndexedDB for this user and retries them a bounded number of
 * times ({@link RETRY_DELAYS_MS}), when back online, and on the next load. A pending
 * change goes out at once when the page is hidden or the store is disposed. Bound to one
 * client, so to one user: its changes are only ever sent with that user's key.
 *
 * Events: {@link PreferencesStoreEventMap}.
 *
 * @example
 * const store = new PreferencesStore({ client });
 * store.addEventListener('change', () => render(store.view, store.status));
 * store.addEventListener('save', (e) => console.log('saved', e.detail.keys));
 * await store.load();
 * store.set(globalKey('sms'), false);
 */
export class PreferencesStore extends typedEventTarget<PreferencesStoreEventMap>() {
  /** Where loading stands (see {@link LoadState}); every change fires `change`. */
  loadState: LoadState = 'loading';
  /** Why the last load failed; cleared when the next one starts. */
  loadError?: NotiflowsError;
  /** Last preferences the server confirmed. */
  server?: Preferences;
  /**
   * The save state of every switch changed so far: `saving`, then `saved`, or `retrying`
   * / `failed` with the error. Every change fires `change`; `retry()` clears the failed ones.
   */
  readonly status = new Map<SwitchKey, SaveStatus>();
  /**
   * Notiflow ids the site marks required (its layout): `set()` refuses their keys
   * (`invalid_config`), so they are never written.
   */
  readonly required = new Set<string>();

  readonly #client: NotiflowsClientBase;
  readonly #storage: PendingStorage;
  readonly #coalesceMs: number;
  readonly #revalidateAfter: number;
  #pending = new Map<SwitchKey, boolean>();
  #inflight?: Map<SwitchKey, boolean>;
  /** When each queued key was last changed: the newer change wins across tabs. */
  #at = new Map<SwitchKey, number>();
  /** What this store has queued in storage: what it releases once confirmed or rolled back. */
  #stored = new Map<SwitchKey, StoredChange>();
  #timer?: ReturnType<typeof setTimeout>;
  #tries = 0;
  /** A change the user made since the last write: that write is theirs, not a retry. */
  #fresh = false;
  readonly #retryDelays: readonly number[];
  #userHash?: Promise<string>;
  #channel?: BroadcastChannel;
  #loadedAt = 0;
  /** Writes the server confirmed: a read started before the last one answers with older data. */
  #confirmed = 0;
  #disposed = false;
  #abort = new AbortController();
  /** What the last pause turned off, as this store knows it (see {@link pausedTypes}). */
  #pause?: PausedRecord;
  /** Reads of the pause record started: only the last one is applied. */
  #pauseReads = 0;
  /** Broadcasts heard: one still reading the pause record gives way to a newer one. */
  #heard = 0;

  constructor(options: PreferencesStoreOptions) {
    super();
    this.#client = options.client;
    this.#storage = options.storage ?? idbPendingStorage;
    this.#coalesceMs = options.coalesceMs ?? 300;
    this.#revalidateAfter = options.revalidateAfter ?? 60_000;
    this.#retryDelays = options.retryDelays ?? RETRY_DELAYS_MS;
  }

  /**
   * What the user sees: the server's state with unconfirmed changes laid over it. A new object
   * at each read, sharing what no change touches with `server`: read it, do not change it.
   */
  get view(): Preferences | undefined {
    if (!this.server) return undefined;
    return applyChanges(applyChanges(this.server, this.#inflight ?? new Map()), this.#pending);
  }

  /** True when every channel type shows off: the user paused everything. */
  get paused(): boolean {
    return allOff(this.view);
  }

  /**
   * The channel types {@link pause} turned off for this user, as this browser keeps them to
   * turn back on; undefined when it does not know them (paused on another device, or by hand).
   */
  get pausedTypes(): string[] | undefined {
    return this.#pause?.types;
  }

  /**
   * "Turn everything off": every channel type that is on goes off in one write, and those
   * types are kept in IndexedDB for this user, so {@link resume} turns exactly them back on.
   * Returns the types it turned off.
   */
  pause(): string[] {
    const types = Object.entries(this.view?.channel_types ?? {})
      .filter(([, on]) => on)
      .map(([type]) => type);
    if (!types.length) return types;
    this.#keepPause({ types, at: Date.now() }); // if it fails, resume turns every type on
    for (const type of types) this.set(globalKey(type), false);
    return types;
  }

  /**
   * "Turn back on": the types the pause turned off, or every type when this browser does not
   * know them ({@link pausedTypes}), in one write. Returns the types it turned on.
   */
  resume(): string[] {
    const all = Object.keys(this.view?.channel_types ?? {});
    const known = this.pausedTypes?.filter((type) => all.includes(type));
    const types = known?.length ? known : all;
    for (const type of types) this.set(globalKey(type), true);
    return types;
  }

  /** True while some change is not confirmed yet. */
  get dirty(): boolean {
    return this.#pending.size > 0 || !!this.#inflight;
  }

  /** Loads preferences, then re-sends changes a previous visit could not save. */
  async load(): Promise<void> {
    this.loadState = this.server ? this.loadState : 'loading';
    this.loadError = undefined;
    this.#emit('change');
    const confirmed = this.#confirmed;
    const started = Date.now();
    try {
      const [prefs, saved, paused] = await Promise.all([
        getPreferences(this.#client, { signal: this.#abort.signal }),
        this.#hash()
          .then((h) => this.#storage.read(h))
          .catch(() => undefined),
        this.#readPaused(),
      ]);
      if (this.#disposed) return;
      this.#takeRead(prefs, confirmed);
      this.loadState = 'ready';
      this.#listen();
      // Changes a previous visit, or another tab of this user, could not save yet. Once this
      // store confirms one, it releases it from storage; one the server already has (sent as
      // a page closed) or for a switch that no longer exists is released at once.
      for (const [stored, [value, times]] of Object.entries(saved ?? {})) {
        const key = stored as SwitchKey; // one naming no switch has no server value: released
        const at = Math.max(...times);
        const server = valueOf(this.server!, key); // not an older read's answer
        if (server === undefined || server === value) this.#stored.set(key, [value, times]);
        else if ((this.#at.get(key) ?? -1) < at) {
          this.#pending.set(key, value);
          this.#at.set(key, at);
        }
      }
      if (saved) this.#persist();
      this.#pause ??= paused;
      this.#settlePause(started);
      for (const key of this.#pending.keys()) this.status.set(key, { state: 'saving' });
      this.#emit('load');
      this.#emit('change');
      if (this.#pending.size) this.#schedule(0);
    } catch (error) {
      if (this.#disposed) return;
      this.loadError = toNotiflowsError(error, 'network_error');
      this.loadState = this.server ? 'ready' : 'error';
      this.#emit('error', { error: this.loadError });
      this.#emit('change');
    }
  }

  /** The user turned a switch: shows at once, saved shortly. */
  set(key: SwitchKey, value: boolean): void {
    if (!this.server || valueOf(this.server, key) === undefined)
      throw new NotiflowsError('invalid_config', devMessage('unknown_preference', key));
    const notiflow = parseKey(key);
    if (notiflow?.notiflowId && this.required.has(notiflow.notiflowId))
      throw new NotiflowsError('invalid_config', devMessage('required_preference', key));
    this.#pending.set(key, value);
    // On the server's clock, and after this tab's last change of it whatever the clock says.
    this.#at.set(key, Math.max(serverNow(), (this.#at.get(key) ?? 0) + 1));
    this.#fresh = true;
    this.status.set(key, { state: 'saving' });
    this.#persist();
    this.#emit('change');
    this.#schedule(this.#coalesceMs);
  }

  /** Tries failed or waiting changes again now. */
  retry(): void {
    for (const [key, s] of this.status) {
      if (s.state === 'failed') this.status.delete(key);
    }
    this.#freshRound();
    if (this.#pending.size) this.#schedule(0);
    this.#emit('change');
  }

  /**
   * Sends pending changes now instead of at the end of the coalescing window (the page
   * is going away). `keepalive` lets the request outlive the page.
   */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    return this.#flush(true);
  }

  /**
   * Stops listening and rendering. A change still waiting for its write is sent at once,
   * with this store's key, and stays queued in IndexedDB for this user if that fails.
   */
  dispose(): void {
    if (this.#disposed) return;
    void this.flush();
    this.#disposed = true;
    this.#abort.abort();
    this.#channel?.close();
    this.#channel = undefined; // a closed channel throws on postMessage
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.#onOnline);
      window.removeEventListener('pagehide', this.#onHide);
      document.removeEventListener('visibilitychange', this.#onVisible);
    }
  }

  #listen(): void {
    if (this.#channel || typeof window === 'undefined') return;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('pagehide', this.#onHide);
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.#hash().then((hash) => {
      if (this.#disposed) return;
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = async (e) => {
        if (e.data?.userHash !== hash) return;
        let prefs: Preferences;
        try {
          // Same origin is not the same as trusted: checked exactly like a server answer.
          prefs = asPreferences(e.data.preferences);
        } catch {
          return;
        }
        // Another tab paused (its record is written before its write): the record is read
        // before the pause shows, so the button never first says it does not know.
        const heard = ++this.#heard;
        const reads = ++this.#pauseReads;
        const record = allOff(prefs) ? await this.#readPaused() : undefined;
        if (heard !== this.#heard || this.#disposed) return;
        this.server = prefs; // another tab saved: our own changes stay on top
        this.#confirmed++; // a read that started before this is older than it
        this.#loadedAt = Date.now();
        if (reads === this.#pauseReads)
          this.#pause = allOff(prefs) ? (record ?? this.#pause) : undefined;
        this.#emit('change');
      };
    });
  }

  #readPaused(): Promise<PausedRecord | undefined> {
    return this.#hash()
      .then((h) => this.#storage.paused?.(h))
      .catch(() => undefined);
  }

  /**
   * A pause's record lasts while the user is paused. It goes once a type is on again both on
   * the server and on screen (turned back on, by hand, or a refused pause rolled back): after a
   * write of this store, or after a read that started after the pause (`since`; an older read
   * may predate a pause still on its way from another tab).
   */
  #settlePause(since = Infinity): void {
    const record = this.#pause;
    if (!record || record.at >= since || allOff(this.server) || allOff(this.view)) return;
    this.#keepPause(undefined);
  }

  /** Sets the pause record, here and in storage for this user; a read still on its way loses. */
  #keepPause(record: PausedRecord | undefined): void {
    this.#pause = record;
    this.#pauseReads++;
    void this.#hash()
      .then((h) => this.#storage.setPaused?.(h, record))
      .catch(() => undefined);
  }

  #onOnline = () => {
    this.#freshRound();
    if (this.#pending.size) this.#schedule(0);
  };

  #onHide = () => {
    if (this.#pending.size) void this.flush();
  };

  #onVisible = () => {
    if (document.visibilityState === 'hidden') this.#onHide();
    else if (Date.now() - this.#loadedAt > this.#revalidateAfter) void this.#revalidate();
  };

  async #revalidate(): Promise<void> {
    const confirmed = this.#confirmed;
    const started = Date.now();
    try {
      this.#takeRead(await getPreferences(this.#client, { signal: this.#abort.signal }), confirmed);
      this.#settlePause(started);
      this.#emit('change');
    } catch {
      // stale data stays on screen; the next visibility change tries again
    }
  }

  // A read that started before a write was confirmed is older than that write's answer,
  // which is already `server`: it must not win (on screen "Saved" with the old value).
  #takeRead(prefs: Preferences, confirmedBefore: number): void {
    if (confirmedBefore !== this.#confirmed && this.server) return;
    this.server = prefs;
    this.#loadedAt = Date.now();
  }

  // The user asked again, or the network came back: a new round of tries, in every tab.
  #freshRound(): void {
    this.#tries = 0;
    void this.#hash()
      .then((hash) => this.#storage.setGate?.(hash, undefined))
      .catch(() => undefined);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    if (this.#disposed) return;
    this.#timer = setTimeout(() => void this.#flush(), ms);
  }

  async #flush(now = false): Promise<void> {
    if (this.#inflight && now && this.#pending.size) return this.#sendAsPageLeaves();
    if (this.#inflight || !this.#pending.size || (this.#disposed && !now)) return;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#inflight = batch;
    this.#tries++;
    let hash: string;
    let prefs: Preferences;
    try {
      hash = await this.#hash();
      const put = () =>
        updatePreferences(this.#client, toUpdate(batch), {
          retry: false,
          keepalive: now || undefined,
        });
      // One tab of this browser writes at a time, so retries do not multiply with tabs; a
      // write as the page goes away cannot wait for the lock.
      const fresh = this.#fresh;
      this.#fresh = false;
      prefs = await (now
        ? put()
        : withLock(`${CHANNEL}:${hash}`, () => this.#gated(hash, put, fresh)));
    } catch (thrown) {
      if (thrown instanceof NotYet) return this.#defer(batch, thrown.at);
      this.#failed(batch, toNotiflowsError(thrown, 'network_error'));
      return;
    }
    this.server = prefs;
    this.#loadedAt = Date.now();
    this.#confirmed++;
    this.#tries = 0;
    for (const key of batch.keys())
      if (!this.#pending.has(key)) this.status.set(key, { state: 'saved' });
    this.#inflight = undefined;
    this.#persist();
    this.#settlePause();
    this.#channel?.postMessage({ userHash: hash, preferences: prefs });
    this.#emit('save', { keys: [...batch.keys()], preferences: prefs });
    if (this.#disposed && this.#pending.size)
      void this.#flush(true); // changed while this write was out
    else if (this.#pending.size) this.#schedule(this.#coalesceMs);
    this.#emit('change');
  }

  /**
   * Retries follow one schedule per browser, not one per tab: the time of the next try is
   * shared in IndexedDB (under the Web Lock), so tabs opened while a change waits do not
   * multiply the writes. A tab whose turn has not come throws {@link NotYet} without sending;
   * a batch with a change the user just made (`fresh`) goes at once, as in a single tab.
   */
  async #gated(
    hash: string,
    put: () => Promise<Preferences>,
    fresh: boolean,
  ): Promise<Preferences> {
    const gate = await this.#storage.gate?.(hash).catch(() => undefined);
    // A time too far ahead is a clock set back since: not a reason to wait.
    if (!fresh && gate && gate.nextAt > Date.now() && gate.nextAt - Date.now() < MAX_GATE_MS)
      throw new NotYet(gate.nextAt);
    try {
      const prefs = await put();
      if (gate) await this.#storage.setGate?.(hash, undefined).catch(() => undefined);
      return prefs;
    } catch (thrown) {
      const error = toNotiflowsError(thrown, 'network_error');
      if (error.transient) {
        // Once the schedule is spent the round is over: the next page load tries at once.
        const tries = (gate?.tries ?? 0) + 1;
        const wait = this.#retryDelays[tries - 1];
        const nextAt = Date.now() + Math.max(jitter(wait ?? 0), (error.retryAfter ?? 0) * 1000);
        await this.#storage
          .setGate?.(hash, wait === undefined ? undefined : { tries, nextAt })
          .catch(() => undefined);
      }
      throw error;
    }
  }

  /** Not this tab's turn: the batch waits, as it was, for the shared time; no try is counted. */
  #defer(batch: Map<SwitchKey, boolean>, at: number): void {
    this.#inflight = undefined;
    this.#tries = Math.max(0, this.#tries - 1); // a fresh round may have begun meanwhile
    for (const [key, value] of batch) if (!this.#pending.has(key)) this.#pending.set(key, value);
    this.#schedule(at - Date.now());
  }

  /**
   * The page goes away while a write is out: what is queued behind it cannot wait for its
   * answer. One more `keepalive` write carries the in-flight values with the newer ones on
   * top, so whichever lands last leaves the server right (`flush()`, and so `logout()`, waits
   * for it). If the page stays (back/forward cache), the queue goes on as usual and sends
   * them again.
   */
  async #sendAsPageLeaves(): Promise<void> {
    const all = new Map([...this.#inflight!, ...this.#pending]);
    await updatePreferences(this.#client, toUpdate(all), { retry: false, keepalive: true }).catch(
      () => undefined,
    ); // still queued here and in IndexedDB
  }

  /** A write failed: keep or roll back its keys, and schedule the next try if one is left. */
  #failed(batch: Map<SwitchKey, boolean>, error: NotiflowsError): void {
    this.#inflight = undefined;
    const keep = error.transient || error.code === 'unauthenticated';
    const wait = this.#retryDelays[this.#tries - 1];
    const retrying = error.transient && wait !== undefined;
    const state = retrying ? 'retrying' : 'failed';
    // A refusal that names its fields (422 `fields`, 400 `param`) blames those keys only: the
    // rest of the batch was not refused and goes again.
    const blamed = keep ? undefined : blamedKeys(error, batch);
    for (const [key, value] of batch) {
      if (this.#pending.has(key)) continue; // changed again since: the newer change wins
      const innocent = blamed && !blamed.has(key);
      if (keep || innocent) this.#pending.set(key, value); // stays queued, here and in IndexedDB for this user
      this.status.set(key, innocent ? { state: 'saving' } : { state, error });
    }
    this.#persist();
    this.#settlePause();
    if (retrying) this.#schedule(Math.max(jitter(wait), (error.retryAfter ?? 0) * 1000));
    else if (!keep && this.#pending.size) this.#schedule(this.#coalesceMs);
    this.#emit('error', { error, keys: [...(blamed ?? batch.keys())] });
    this.#emit('change');
  }

  // Merged, not overwritten: another tab of this user may have changes of its own stored.
  #persist(): void {
    const queued = new Map<SwitchKey, QueuedChange>();
    for (const [key, value] of [...(this.#inflight ?? []), ...this.#pending])
      queued.set(key, [value, this.#at.get(key) ?? 0]);
    const released = [...this.#stored].filter(([key]) => !queued.has(key));
    this.#stored = new Map([...queued].map(([key, [value, at]]) => [key, [value, [at]]]));
    void this.#hash()
      .then((h) => this.#storage.merge(h, Object.fromEntries(queued), Object.fromEntries(released)))
      .catch(() => {
        // Still in storage as far as we know: released with the next write.
        for (const [key, change] of released)
          if (!this.#stored.has(key)) this.#stored.set(key, change);
      });
  }

  // The client is bound to one user for its lifetime, so this is computed once it works; a
  // failure (the provider could not give a key yet) is not kept, or nothing could be queued.
  // Changes stored before the site named its project move under the new hash first.
  #hash(): Promise<string> {
    this.#userHash ??= userHashesOf(this.#client).then(
      async ([hash, former]) => {
        if (former) await this.#storage.adopt?.(former, hash).catch(() => undefined);
        return hash!;
      },
      (error: unknown) => {
        this.#userHash = undefined;
        throw error;
      },
    );
    return this.#userHash;
  }

  #emit<K extends keyof PreferencesStoreEventMap>(
    type: K,
    ...detail: DetailOf<PreferencesStoreEventMap, K> extends undefined
      ? []
      : [DetailOf<PreferencesStoreEventMap, K>]
  ): void {
    if (!this.#disposed) emit<PreferencesStoreEventMap, K>(this, type, ...detail);
  }
}

/** Every channel type off: paused. */
function allOff(prefs: Preferences | undefined): boolean {
  const on = Object.values(prefs?.channel_types ?? {});
  return on.length > 0 && !on.some(Boolean);
}

const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/** The longest a shared retry time can lie ahead (the last retry wait, its jitter, a long Retry-After). */
const MAX_GATE_MS = 15 * 60_000;

/** Thrown inside the write lock when another tab's schedule says: not yet. */
class NotYet {
  constructor(readonly at: number) {}
}

/** The keys of `batch` a refusal names (a field is a key or a prefix of keys); undefined when it names none. */
function blamedKeys(error: NotiflowsError, batch: ReadonlyMap<SwitchKey, boolean>) {
  const named = [
    ...(error.fields ?? []).map((f) => f.field),
    ...(typeof error.details?.param === 'string' ? [error.details.param] : []),
  ];
  const keys = [...batch.keys()].filter((key) =>
    named.some((field) => key === field || key.startsWith(`${field}.`)),
  );
  return keys.length ? new Set(keys) : undefined;
}
