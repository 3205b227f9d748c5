// The push reconcile decided from facts alone: one row per situation of the README's
// "found on load" table, without a browser. And the store's retry schedule against the
// bounds the README promises.
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
