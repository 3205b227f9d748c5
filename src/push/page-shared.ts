import { NotiflowsClientBase, type NotiflowsClientOptions } from '../api/client-base.js';
import { devMessage, NotiflowsError } from '../api/errors.js';
import { decodeUserKey } from '../api/user-key.js';
import { PushSubscriber, type PushSubscriberOptions } from './push-subscriber.js';

/** Whether two identity arrays name the same thing (functions by reference). */
export const sameIdentity = (a: unknown[], b: unknown[]) =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A shared value and the way to let go of it: the last holder's release disposes of it. */
export interface Held<T> {
  value: T;
  release(): void;
  /** Another hold on the same value (work that must outlive its first holder). */
  again(): Held<T>;
}

/**
 * Values shared by every holder that names the same key, kept while one holds them: the
 * elements of a page configured alike use one client and one push subscriber, so a panel, a
 * push button and a prompt on one page make one POST and show one state.
 */
function sharing<T>(dispose: (value: T) => void) {
  type Entry = { key: unknown[]; value: T; refs: number };
  const hold = (e: Entry): Held<T> => {
    e.refs++;
    let released = false;
    return {
      value: e.value,
      again: () => hold(e),
      release: () => {
        if (released) return;
        released = true;
        if (--e.refs) return;
        held.splice(held.indexOf(e), 1);
        dispose(e.value);
      },
    };
  };
  const held: Entry[] = [];
  return (key: unknown[], make: () => T): Held<T> => {
    let entry = held.find((e) => sameIdentity(e.key, key));
    if (!entry) held.push((entry = { key, value: make(), refs: 0 }));
    return hold(entry);
  };
}

/** A client and who to tell when its provider returns a key for another user. */
export interface SharedClient {
  client: NotiflowsClientBase;
  /** Called with the other user's key; each holder adds its own and removes it on release. */
  userChange: Set<(key: string, sub: string) => void>;
}

const clients = sharing<SharedClient>(() => undefined);

/**
 * Who a client's options name: one user of one project through one API. A new key for the
 * same user is the same; a provider goes by reference (a new function is taken to mean
 * another user, as lit/task compares args).
 */
export function clientKey(o: NotiflowsClientOptions): unknown[] {
  // Tagged, so a development-mode user-id never reads as a key's `sub`.
  let user: string | undefined = o.userId && `id:${o.userId}`;
  try {
    if (o.userKey) user = `key:${decodeUserKey(o.userKey).sub}`;
  } catch {
    user = `bad:${o.userKey}`;
  }
  return [o.apiKey, o.project, user, o.userKeyProvider, o.apiUrl];
}

/**
 * The page's client for the user `options` name ({@link clientKey}), made the first time. A
 * later holder's key for that user is taken when it lasts longer (a page that signed in
 * again). Each holder hears of another user through `userChange`.
 */
export function shareClient(options: NotiflowsClientOptions): Held<SharedClient> {
  const held = clients(clientKey(options), () => {
    const userChange = new Set<(key: string, sub: string) => void>();
    const client = new NotiflowsClientBase({
      ...options,
      onUserChange: (next, sub) => userChange.forEach((f) => f(next, sub)),
    });
    return { client, userChange };
  });
  const { client } = held.value;
  if (options.userKey && fresher(options.userKey, client.currentUserKey()?.expiresAt))
    client.setUserKey(options.userKey);
  return held;
}

/** Whether `key` expires after `than` (ms; undefined: no key in hand). */
function fresher(key: string, than: number | undefined): boolean {
  try {
    const exp = decodeUserKey(key).exp;
    return than === undefined || (exp !== undefined && exp * 1000 > than);
  } catch {
    return false;
  }
}

/** `invalid_config` for push settings without a channel id or a VAPID key; undefined when both are there. */
export function missingPushSetting(o: {
  channelId?: string;
  vapidPublicKey?: string;
}): NotiflowsError | undefined {
  if (o.channelId && o.vapidPublicKey) return undefined;
  return new NotiflowsError('invalid_config', devMessage(o.channelId ? 'vapid_key' : 'channel_id'));
}

/** A push subscriber and its first reconcile: until then its state is a guess. */
export interface SharedPush {
  push: PushSubscriber;
  /** Settles once the first reconcile (`start()`) has. */
  started: Promise<unknown>;
  /** Whether `started` has settled: the state is this browser's, fit to show. */
  checked: boolean;
}

const pushes = sharing<SharedPush>(({ push }) => push.dispose());

/** The page's push subscriber for this client, channel and worker; started when made. */
export function sharePush(options: PushSubscriberOptions): Held<SharedPush> {
  const o = options;
  return pushes(
    [o.client, o.channelId, o.vapidPublicKey, o.serviceWorkerUrl, o.serviceWorkerScope],
    () => {
      const push = new PushSubscriber(options);
      const shared: SharedPush = { push, started: push.start(), checked: false };
      shared.started = shared.started.finally(() => (shared.checked = true));
      return shared;
    },
  );
}
