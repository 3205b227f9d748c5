// The push reconcile decided from facts alone: one row per situation of docs/guide/push.md's
// "found on load" table, without a browser. And the store's retry schedule against the
// bounds docs/guide/users-and-sign-out.md promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planReconcile, RETRY_DELAYS_MS } from '../../dist/headless.js';

const base = {
  supported: true,
  permission: 'granted',
  wanted: false,
  subscription: 'ours',
  record: 'this-user',
  recordMatches: true,
  fresh: true,
};
const TABLE = [
  // [why, facts, plan]
  ['nothing changed, confirmed recently: no request', {}, 'in-sync'],
  ['confirmed too long ago: re-confirm', { fresh: false }, 'register'],
  [
    'endpoint, keys or channel changed: POST the new, DELETE the old',
    { recordMatches: false },
    'register',
  ],
  [
    "a subscription nobody's record names: its owner is unknown, not taken without a click",
    { record: 'none', recordMatches: false },
    'other-owner',
  ],
  [
    'the same, and the user clicked Enable: take it over',
    { record: 'none', recordMatches: false, wanted: true },
    'take-over',
  ],
  [
    'IndexedDB cannot be read: whose it is cannot be told, nothing moves',
    { record: 'unknown', recordMatches: false },
    'other-owner',
  ],
  [
    'IndexedDB cannot be read and the user clicked Enable: take it over',
    { record: 'unknown', recordMatches: false, wanted: true },
    'take-over',
  ],
  ['VAPID key rotated: subscribe again', { subscription: 'ours-old-key' }, 'rotate-key'],
  [
    "the browser dropped this user's subscription: restore silently",
    { subscription: 'none' },
    'restore',
  ],
  ['nothing at all, nothing asked: off', { subscription: 'none', record: 'none' }, 'off'],
  [
    'nothing at all, the user clicked Enable: subscribe',
    { subscription: 'none', record: 'none', wanted: true },
    'subscribe',
  ],
  [
    'another user owns the device; a reconcile never takes it',
    { record: 'other-user' },
    'other-owner',
  ],
  [
    'another user owns it and the browser dropped theirs: still theirs',
    { record: 'other-user', subscription: 'none' },
    'other-owner',
  ],
  [
    'another user owns the device; the user clicked: take it over',
    { record: 'other-user', wanted: true },
    'take-over',
  ],
  [
    'a subscription on our scope with a key that is not ours: never touched',
    { subscription: 'foreign', record: 'none' },
    'foreign',
  ],
  ['permission withdrawn while registered: revoke', { permission: 'denied' }, 'revoke'],
  [
    'permission withdrawn, only the browser subscription left: revoke',
    { permission: 'default', record: 'none' },
    'revoke',
  ],
  [
    'blocked while this user had push on here: rows already deleted, no request while it lasts',
    { permission: 'denied', subscription: 'none', blocked: true },
    'blocked',
  ],
  [
    'allowed again after a block: subscribe this user again, without a prompt',
    { subscription: 'none', blocked: true, recordMatches: false },
    'restore',
  ],
  [
    'blocked, and the browser somehow kept the subscription: revoke it',
    { permission: 'denied', blocked: true },
    'revoke',
  ],
  [
    "another user's record left blocked, nothing live: nobody's here, no 'another account'",
    { record: 'other-user', blocked: true, subscription: 'none', recordMatches: false },
    'off',
  ],
  [
    'the same, and this user clicked Enable: take the browser over',
    {
      record: 'other-user',
      blocked: true,
      subscription: 'none',
      recordMatches: false,
      wanted: true,
    },
    'take-over',
  ],
  [
    'permission not granted and nothing of ours: blocked',
    { permission: 'denied', record: 'none', subscription: 'none' },
    'blocked',
  ],
  [
    'a foreign subscription and no permission: blocked, untouched',
    { permission: 'denied', record: 'none', subscription: 'foreign' },
    'blocked',
  ],
  ['no web push in this browser', { supported: false }, 'unsupported'],
];

for (const [why, facts, plan] of TABLE) {
  test(`planReconcile: ${why}`, () => assert.equal(planReconcile({ ...base, ...facts }), plan));
}

test('every plan is reachable from the table', () => {
  const plans = new Set(TABLE.map(([, , p]) => p));
  assert.deepEqual([...plans].sort(), [
    'blocked',
    'foreign',
    'in-sync',
    'off',
    'other-owner',
    'register',
    'restore',
    'revoke',
    'rotate-key',
    'subscribe',
    'take-over',
    'unsupported',
  ]);
});

/** Times (ms) of each write of one change under a continuous 503, with the worst-case jitter. */
function writesUnderOutage(coalesceMs, factor) {
  const at = [coalesceMs];
  for (const d of RETRY_DELAYS_MS) at.push(at.at(-1) + d * factor);
  return at;
}

test('retry bounds: at most 8 writes in the first 20 s, at most 2 per minute after, 6 in all within ~10 min', () => {
  for (const factor of [0.8, 1.2]) {
    const at = writesUnderOutage(300, factor);
    assert.equal(at.length, 6);
    assert.ok(at.filter((t) => t <= 20_000).length <= 8);
    for (let start = 20_000; start < at.at(-1); start += 1_000) {
      assert.ok(
        at.filter((t) => t > start && t <= start + 60_000).length <= 2,
        `more than 2 writes in the minute after ${start} ms`,
      );
    }
    assert.ok(at.at(-1) <= 12 * 60_000);
  }
});

// The facts themselves, from what the browser and IndexedDB gave (PushSubscriber#observe).
const { recordOwner, subscriptionKind, recordMatches } =
  await import('../../dist/push/reconcile-plan.js');

test('recordOwner: whose the stored record is', () => {
  const mine = ['h-project', 'h-key']; // stored under the project, or under the key before it
  for (const [why, stored, owner] of [
    ['IndexedDB failed: nobody can tell', 'unreadable', 'unknown'],
    ['nothing stored', undefined, 'none'],
    ['stored under this user', { userHash: 'h-project' }, 'this-user'],
    ['stored before `project` was set: still this user', { userHash: 'h-key' }, 'this-user'],
    ['another user (or project)', { userHash: 'h-bob' }, 'other-user'],
  ])
    assert.equal(recordOwner(stored, mine), owner, why);
});

test('subscriptionKind: whose the subscription at our scope is', () => {
  for (const [why, live, kind] of [
    ['no subscription', null, 'none'],
    ['subscribed with the configured key', { configuredKey: true, recordKey: false }, 'ours'],
    [
      'the browser does not say its key: taken as ours',
      { configuredKey: undefined, recordKey: false },
      'ours',
    ],
    [
      'the key the record was subscribed with: the VAPID key rotated',
      { configuredKey: false, recordKey: true },
      'ours-old-key',
    ],
    [
      'a key nobody of ours used: another vendor',
      { configuredKey: false, recordKey: false },
      'foreign',
    ],
  ])
    assert.equal(subscriptionKind(live), kind, why);
});

test('recordMatches: every field, and nothing stale', () => {
  const wanted = {
    endpoint: 'https://push.example/1',
    p256dh: 'p',
    auth: 'a',
    vapidPublicKey: 'V',
    channelId: 'c',
    apiUrl: 'https://api.notiflows.com/user/v1',
    apiKey: 'pk_1',
    userHash: 'h',
  };
  const record = { ...wanted, syncedAt: 1 };
  assert.equal(recordMatches(record, wanted), true);
  assert.equal(recordMatches(undefined, wanted), false, 'no record');
  assert.equal(
    recordMatches({ ...record, staleRows: [{ channelId: 'c', endpoint: 'x' }] }, wanted),
    false,
    'rows left to delete',
  );
  assert.equal(recordMatches({ ...record, blockedAt: 1 }, wanted), false, 'blocked: not in sync');
  for (const key of Object.keys(wanted))
    assert.equal(recordMatches({ ...record, [key]: 'changed' }, wanted), false, `${key} changed`);
});
