// Who stored data belongs to (src/internal/user-hash.ts): one user of one project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userHashesOf } from '../../dist/internal/user-hash.js';

const of = (apiKey, project, user = 'alice') =>
  userHashesOf({ apiKey, project, resolveUserId: async () => user });

test('with `project`, a rotated key of the same mode is the same user', async () => {
  const [before] = await of('pk_live_old', 'acme');
  const [after] = await of('pk_live_new', 'acme');
  assert.equal(before, after);
});

test('a live and a test project given the same name stay two', async () => {
  assert.notEqual((await of('pk_live_1', 'acme'))[0], (await of('pk_test_1', 'acme'))[0]);
});

test('the key-only hash comes second, for data stored before `project` was set', async () => {
  const [, former] = await of('pk_live_1', 'acme');
  assert.deepEqual(await of('pk_live_1', undefined), [former]);
});

test('another user is another hash', async () => {
  assert.notEqual((await of('pk_live_1', 'acme'))[0], (await of('pk_live_1', 'acme', 'bob'))[0]);
});
