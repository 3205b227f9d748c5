// The rows a push record keeps for a later DELETE: each once, with its channel, never the live one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueRows } from '../../dist/push/registration-store.js';

const row = (channelId, endpoint) => ({ channelId, endpoint });

test('each row once, copied as {channelId, endpoint} (a record passed in is not stored whole)', () => {
  const record = { ...row('a', 'e1'), userKey: 'secret', staleRows: [row('a', 'e2')] };
  const rows = uniqueRows([record, ...record.staleRows, row('a', 'e1'), row('a', 'e2')]);
  assert.deepEqual(rows, [row('a', 'e1'), row('a', 'e2')]);
});

test('the same endpoint on two channels is two rows; the live one (`except`) is left out', () => {
  assert.deepEqual(uniqueRows([row('a', 'e'), row('b', 'e')], row('b', 'e')), [row('a', 'e')]);
});

test('rows without an endpoint are dropped', () => {
  assert.deepEqual(uniqueRows([row('a', undefined), row('a', ''), row('a', 'e')]), [row('a', 'e')]);
});
