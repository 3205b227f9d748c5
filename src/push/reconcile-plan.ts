// What to do about push on this device, decided from facts alone: no browser, no I/O.
// Each plan is one row of the "found on load" table in docs/guide/push.md.
import type { RegistrationRecord } from './registration-store.js';

/** What `PushSubscriber` observed before deciding. */
export interface ReconcileFacts {
  /** Web push works in this browser (secure context, service workers, PushManager). */
  supported: boolean;
  permission: NotificationPermission;
  /** An explicit request from the user (a click on Enable): the only thing that takes a device over. */
  wanted: boolean;
  /** The subscription at our scope: none, ours with the configured VAPID key, ours with the stored (older) key, or someone else's. */
  subscription: 'none' | 'ours' | 'ours-old-key' | 'foreign';
  /** Whose registration record this browser holds (`unknown`: IndexedDB could not be read). */
  record: 'none' | 'this-user' | 'other-user' | 'unknown';
  /** The record's user had push on here when notifications were blocked (its rows are already deleted). */
  blocked: boolean;
  /** The record matches the live subscription, channel and VAPID key exactly, with nothing stale to delete. */
  recordMatches: boolean;
  /** The server confirmed the record within `resyncAfter`. */
  fresh: boolean;
}

/** What {@link planReconcile} decided; each plan is explained where it is listed. */
export type ReconcilePlan =
  | 'unsupported' // nothing to do here; an explicit request is `push_unsupported`
  | 'blocked' // permission not granted and nothing of ours to clean up
  | 'revoke' // permission withdrawn while registered: DELETE on the server, unsubscribe; this user's record stays, marked blocked
  | 'foreign' // a subscription with another key on our scope: never touched; state `error`
  | 'other-owner' // another user of this browser owns the subscription: no request, offer to take it over
  | 'take-over' // the user asked: the old owner's row goes, a fresh subscription for this user
  | 'rotate-key' // the VAPID key changed: subscribe again, POST the new, DELETE the old
  | 'restore' // the browser dropped this user's subscription, or notifications were allowed again after a block: subscribe again silently
  | 'subscribe' // first subscription, asked for by the user
  | 'register' // endpoint, keys or channel changed, or a re-confirmation is due: POST (and DELETE the stale)
  | 'in-sync' // nothing changed and recently confirmed: no request at all
  | 'off'; // nothing here and nothing asked for

/** One plan per situation; pure, so every branch is tested from a table. */
export function planReconcile(f: ReconcileFacts): ReconcilePlan {
  if (!f.supported) return 'unsupported';
  const ours = f.subscription === 'ours' || f.subscription === 'ours-old-key';
  if (f.permission !== 'granted')
    return (f.record !== 'none' && !f.blocked) || ours ? 'revoke' : 'blocked';
  if (f.subscription === 'foreign') return 'foreign';
  // Another user's record left blocked, nothing live: nobody receives anything here.
  if (f.record === 'other-user' && f.blocked && f.subscription === 'none')
    return f.wanted ? 'take-over' : 'off';
  // One owner at a time: a reconcile (load, focus, another tab) never takes a device from
  // another user, nor a subscription whose owner it cannot tell; a click does.
  if (f.record === 'other-user' || f.record === 'unknown' || (f.record === 'none' && ours))
    return f.wanted ? 'take-over' : 'other-owner';
  if (f.subscription === 'ours-old-key') return 'rotate-key';
  if (f.subscription === 'none')
    return f.record === 'this-user' ? 'restore' : f.wanted ? 'subscribe' : 'off';
  return f.recordMatches && f.fresh ? 'in-sync' : 'register';
}

/** Whose the stored record is: `unreadable` when IndexedDB failed; any of this user's hashes is theirs. */
export function recordOwner(
  stored: { userHash: string } | undefined | 'unreadable',
  userHashes: readonly string[],
): ReconcileFacts['record'] {
  if (stored === 'unreadable') return 'unknown';
  if (!stored) return 'none';
  return userHashes.includes(stored.userHash) ? 'this-user' : 'other-user';
}

/**
 * Whose the subscription at our scope is (null: there is none): `configuredKey` says whether
 * its key is the configured VAPID key (undefined: the browser does not tell, so taken as
 * ours), `recordKey` whether it is the key the record was subscribed with.
 */
export function subscriptionKind(
  live: { configuredKey: boolean | undefined; recordKey: boolean } | null,
): ReconcileFacts['subscription'] {
  if (!live) return 'none';
  if (live.configuredKey !== false) return 'ours';
  return live.recordKey ? 'ours-old-key' : 'foreign';
}

/** What a record must say for the browser to be in sync: all of it, down to the user hash. */
export type WantedRecord = Pick<
  RegistrationRecord,
  'endpoint' | 'p256dh' | 'auth' | 'vapidPublicKey' | 'channelId' | 'apiUrl' | 'apiKey' | 'userHash'
>;

/**
 * Whether the record says exactly what is wanted, with nothing stale left to delete. A moved
 * API URL (a proxy) or a rotated key counts as a change: the worker must not use the old
 * ones; a record stored before `project` was set is stored again under its new hash.
 */
export function recordMatches(
  record: RegistrationRecord | undefined,
  wanted: WantedRecord,
): boolean {
  return (
    !!record &&
    (Object.keys(wanted) as (keyof WantedRecord)[]).every((k) => record[k] === wanted[k]) &&
    !record.staleRows?.length &&
    !record.blockedAt
  );
}
