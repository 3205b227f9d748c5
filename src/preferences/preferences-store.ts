import type { NotiflowsClient } from '../api/client.js';
import { NotiflowsError, toNotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import { sha256 } from '../internal/sha256.js';
import { applyChanges, toUpdate, valueOf, type SwitchKey } from './keys.js';
import { idbPendingStorage, type PendingStorage } from './pending-store.js';

export type LoadState = 'loading' | 'ready' | 'error';
/** Per-switch save state: `saving` until confirmed, `retrying` while offline or failing transiently. */
export type SaveState = 'saving' | 'retrying' | 'saved' | 'failed';

export interface SaveStatus {
  state: SaveState;
  error?: NotiflowsError;
}

export interface PreferencesStoreOptions {
  client: NotiflowsClient;
  /** Changes made within this many ms go out as one PUT. Default 300. */
  coalesceMs?: number;
  /** Revalidate on visibility when the data is older than this. Default 60 s. */
  revalidateAfter?: number;
  storage?: PendingStorage;
}

const CHANNEL = 'notiflows-preferences';
const RETRY_DELAYS = [2_000, 5_000, 15_000, 30_000, 60_000];

/**
 * The signed-in user's preferences with optimistic, coalesced, never-lost saving.
 *
 * A change shows at once (`view`); changes close together go out as one partial PUT;
 * one write is in flight at a time; the server's answer is applied except for keys
 * changed since. A permanent failure rolls back only that write's keys; a transient one
 * keeps them, stores them in IndexedDB for this user and retries (with backoff, when
 * back online, and on the next load). Bound to one client, so to one user.
 *
 * Events: `change` (anything to re-render), `save` ({keys, preferences}), `error`
 * ({error, keys?}), `load`.
 */
export class PreferencesStore extends EventTarget {
  loadState: LoadState = 'loading';
  loadError?: NotiflowsError;
  /** Last preferences the server confirmed. */
  server?: Preferences;
  readonly status = new Map<SwitchKey, SaveStatus>();

  readonly #client: NotiflowsClient;
  readonly #storage: PendingStorage;
  readonly #coalesceMs: number;
  readonly #revalidateAfter: number;
  #pending = new Map<SwitchKey, boolean>();
  #inflight?: Map<SwitchKey, boolean>;
  #timer?: ReturnType<typeof setTimeout>;
  #retries = 0;
  #userHash?: Promise<string>;
  #channel?: BroadcastChannel;
  #loadedAt = 0;
  #disposed = false;
  #abort = new AbortController();

  constructor(options: PreferencesStoreOptions) {
    super();
    this.#client = options.client;
    this.#storage = options.storage ?? idbPendingStorage;
    this.#coalesceMs = options.coalesceMs ?? 300;
    this.#revalidateAfter = options.revalidateAfter ?? 60_000;
  }

  /** What the user sees: the server's state with unconfirmed changes laid over it. */
  get view(): Preferences | undefined {
    if (!this.server) return undefined;
    return applyChanges(applyChanges(this.server, this.#inflight ?? new Map()), this.#pending);
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
    try {
      const [prefs, saved] = await Promise.all([
        this.#client.getPreferences({ signal: this.#abort.signal }),
        this.#hash().then((h) => this.#storage.read(h)).catch(() => undefined),
      ]);
      if (this.#disposed) return;
      this.server = prefs;
      this.#loadedAt = Date.now();
      this.loadState = 'ready';
      this.#listen();
      for (const [key, value] of Object.entries(saved ?? {})) {
        if (!this.#pending.has(key) && valueOf(prefs, key) !== undefined) this.#pending.set(key, value);
      }
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
    if (!this.server || valueOf(this.server, key) === undefined) throw new NotiflowsError('invalid_config', `Unknown preference ${key}.`);
    this.#pending.set(key, value);
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
    this.#retries = 0;
    if (this.#pending.size) this.#schedule(0);
    this.#emit('change');
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#abort.abort();
    this.#channel?.close();
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#onOnline);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onVisible);
  }

  #listen(): void {
    if (this.#channel || typeof window === 'undefined') return;
    window.addEventListener('online', this.#onOnline);
    document.addEventListener('visibilitychange', this.#onVisible);
    void this.#hash().then((hash) => {
      if (this.#disposed) return;
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = (e) => {
        if (e.data?.userHash !== hash || !e.data.preferences) return;
        this.server = e.data.preferences as Preferences; // another tab saved: our own changes stay on top
        this.#loadedAt = Date.now();
        this.#emit('change');
      };
    });
  }

  #onOnline = () => {
    if (this.#pending.size) this.#schedule(0);
  };

  #onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.#loadedAt > this.#revalidateAfter) void this.#revalidate();
  };

  async #revalidate(): Promise<void> {
    try {
      this.server = await this.#client.getPreferences({ signal: this.#abort.signal });
      this.#loadedAt = Date.now();
      this.#emit('change');
    } catch {
      // stale data stays on screen; the next visibility change tries again
    }
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#flush(), ms);
  }

  async #flush(): Promise<void> {
    if (this.#inflight || !this.#pending.size || this.#disposed) return;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#inflight = batch;
    try {
      const prefs = await this.#client.updatePreferences(toUpdate(batch), { signal: this.#abort.signal });
      if (this.#disposed) return;
      this.server = prefs;
      this.#loadedAt = Date.now();
      this.#retries = 0;
      for (const key of batch.keys()) if (!this.#pending.has(key)) this.status.set(key, { state: 'saved' });
      this.#inflight = undefined;
      this.#persist();
      this.#channel?.postMessage({ userHash: await this.#hash(), preferences: prefs });
      this.#emit('save', { keys: [...batch.keys()], preferences: prefs });
      if (this.#pending.size) this.#schedule(this.#coalesceMs); // changed while this write was out
    } catch (thrown) {
      if (this.#disposed) return;
      const error = toNotiflowsError(thrown, 'network_error');
      this.#inflight = undefined;
      if (error.transient || error.code === 'unauthenticated') {
        // Keep the change; newer changes to the same key win.
        for (const [key, value] of batch) if (!this.#pending.has(key)) this.#pending.set(key, value);
        for (const key of batch.keys()) this.status.set(key, { state: 'retrying', error });
        this.#persist();
        this.#schedule(RETRY_DELAYS[Math.min(this.#retries++, RETRY_DELAYS.length - 1)]);
      } else {
        for (const key of batch.keys()) if (!this.#pending.has(key)) this.status.set(key, { state: 'failed', error });
        this.#persist();
        if (this.#pending.size) this.#schedule(this.#coalesceMs);
      }
      this.#emit('error', { error, keys: [...batch.keys()] });
    }
    this.#emit('change');
  }

  #persist(): void {
    const all = Object.fromEntries([...(this.#inflight ?? []), ...this.#pending]);
    void this.#hash().then((h) => this.#storage.write(h, all)).catch(() => undefined);
  }

  #hash(): Promise<string> {
    this.#userHash ??= this.#client.resolveUserId().then((user) => sha256([this.#client.apiUrl, this.#client.apiKey, user].join('\n')));
    return this.#userHash;
  }

  #emit(type: string, detail?: unknown): void {
    if (!this.#disposed) this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
