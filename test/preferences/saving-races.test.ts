import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { globalKey, overrideKey } from '../../src/preferences/keys.js';
import { NotiflowsClient } from '../../src/headless.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { idbPendingStorage } from '../../src/preferences/pending-store.js';
import { PreferencesStore } from '../../src/preferences/preferences-store.js';
import {
  clientFor,
  createProject,
  pendingValues,
  WEEKLY_DIGEST,
  type Project,
} from '../helpers.js';

// Issue 19, cases 9 and 10: answers that arrive late, and errors that name one key.
describe('PreferencesStore: late answers and partial refusals', function () {
  this.timeout(20_000);
  let project: Project;
  let store: PreferencesStore;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const server = async () =>
    (await project.snapshot()).users.find((u) => u.external_id === 'alice')!.preferences;

  beforeEach(async () => {
    project = await createProject();
    store = new PreferencesStore({ client: await clientFor(project), coalesceMs: 50 });
    await store.load();
  });
  afterEach(async () => {
    store.dispose();
    await project.dispose();
  });

  it('8. the retry bound is per browser: tabs opened during a steady 503 share one schedule', async () => {
    store.dispose();
    // The schedule of docs/guide/users-and-sign-out.md (2 s, 8 s, 30 s…) at a tenth: 3 writes in the first 2 s per browser.
    const retryDelays = [200, 800, 3000, 12_000];
    const tab = async () => {
      const s = new PreferencesStore({
        client: await clientFor(project),
        coalesceMs: 50,
        retryDelays,
      });
      tabs.push(s);
      await s.load();
      return s;
    };
    const tabs: PreferencesStore[] = [];
    await project.fail({ status: 503, method: 'PUT', times: 1000 });
    const first = await tab();
    first.set(globalKey('email'), false);
    await oneEvent(first, 'error');
    const started = performance.now();
    await tab(); // two more tabs find the change queued in IndexedDB
    await tab();
    await pause(2000 - (performance.now() - started));
    const puts = (await project.requests()).filter((r) => r.method === 'PUT').length;
    for (const t of tabs) t.dispose();
    expect(puts, 'writes in the first 2 s, three tabs').to.be.at.most(3);
  });

  /** Runs `work` with the browser's clock moved by `ms` (the server's stays right). */
  const withClockMoved = async (ms: number, work: () => Promise<void>) => {
    const real = Date.now;
    Date.now = () => real() + ms;
    try {
      await work();
    } finally {
      Date.now = real;
    }
  };

  it('11. a browser clock two hours fast does not call the provider before every request', async () => {
    let calls = 0;
    await withClockMoved(2 * 3600_000, async () => {
      const client = new NotiflowsClient({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKeyProvider: async () => (calls++, project.sign('alice')), // one-hour keys
      });
      for (let i = 0; i < 5; i++) await client.getPreferences();
    });
    expect(calls, 'provider calls for 5 requests').to.be.at.most(2);
  });

  it('11b. with the clock set back, a newer queued change still beats the older one', async () => {
    store.dispose();
    await project.fail({ status: 503, method: 'PUT', times: 100 });
    const client = await clientFor(project);
    const hash = await userHashOf(client);
    const tab = async () => {
      const s = new PreferencesStore({ client, coalesceMs: 20, retryDelays: [] });
      await s.load();
      return s;
    };
    const a = await tab();
    a.set(globalKey('email'), false);
    await oneEvent(a, 'error');
    const b = await tab(); // another tab of the same user
    await withClockMoved(-3600_000, async () => {
      b.set(globalKey('email'), true); // made later, stamped an hour earlier
      await oneEvent(b, 'error');
    });
    await waitUntil(
      async () => pendingValues(await idbPendingStorage.read(hash))?.[globalKey('email')] === true,
      'the older change won in IndexedDB',
      { timeout: 3000 },
    );
    a.dispose();
    b.dispose();
  });

  it('9. a reload answered after a newer save does not overwrite it', async () => {
    // The GET reads the server now and answers 1.5 s later, after the PUT below is confirmed.
    await project.fail({ method: 'GET', when: 'applied', delay: 1500 });
    const reload = store.load();
    store.set(globalKey('email'), false);
    await oneEvent(store, 'save');
    expect((await server()).channel_types.email).to.equal(false);
    await reload;
    expect(store.view!.channel_types.email, 'the older answer won').to.equal(false);
    expect(store.status.get(globalKey('email'))?.state).to.equal('saved');
  });

  it('10. a 422 naming one key rolls back that key only; the rest of the batch is saved', async () => {
    const digestEmail = overrideKey(WEEKLY_DIGEST, 'email');
    await project.removeNotiflow(WEEKLY_DIGEST); // removed on the server; still on screen
    store.set(digestEmail, false);
    store.set(globalKey('sms'), false);
    const { error, keys } = (await oneEvent(store, 'error')).detail;
    expect(error.code).to.equal('validation_failed');
    expect(keys, 'only the refused key is blamed').to.deep.equal([digestEmail]);
    expect(store.status.get(digestEmail)?.state).to.equal('failed');
    await waitUntil(
      async () => (await server()).channel_types.sms === false,
      'the valid SMS change was rolled back with it',
      { timeout: 5000 },
    );
    await waitUntil(() => store.status.get(globalKey('sms'))?.state === 'saved', 'not saved');
    expect(store.view!.channel_types.sms).to.equal(false);
  });
});
