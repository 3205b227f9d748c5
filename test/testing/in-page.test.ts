import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { NotiflowsClient } from '../../src/headless.js';
import {
  createUserKeySigner,
  DEFAULT_FAKE_CHANNEL_ID,
  FakeNotiflows,
} from '../../src/testing/index.js';
import { fakeSubscription } from '../helpers.js';

// The kit as a customer would use it in their own tests: msw's worker in the page,
// the default API URL, keys signed and verified in the browser.
describe('testing kit in the page (setupWorker)', () => {
  const signerPromise = createUserKeySigner();
  let fake: FakeNotiflows;
  const worker = setupWorker();

  before(async () => {
    await worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      onUnhandledRequest: 'bypass',
      quiet: true,
    });
  });
  after(async () => {
    worker.stop();
    for (const reg of await navigator.serviceWorker.getRegistrations())
      if (reg.active?.scriptURL.endsWith('/mockServiceWorker.js')) await reg.unregister();
  });

  beforeEach(async () => {
    fake = new FakeNotiflows({ signingKey: (await signerPromise).publicJwk, users: ['alice'] });
    worker.resetHandlers(...fake.handlers);
  });

  it('answers the default API URL with verified user keys', async () => {
    const client = new NotiflowsClient({
      apiKey: fake.apiKey,
      userKey: await (await signerPromise).sign('alice'),
    });
    await client.updatePreferences({ channel_types: { email: false } });
    expect((await client.getPreferences()).channel_types.email).to.equal(false);
    await client.addSubscription(DEFAULT_FAKE_CHANNEL_ID, await fakeSubscription());
    expect(fake.subscriptionsOf('alice')).to.have.length(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
      'PUT /user/v1/preferences 200',
      'GET /user/v1/preferences 200',
      `POST /user/v1/channels/${DEFAULT_FAKE_CHANNEL_ID}/subscriptions 201`,
    ]);
  });

  it('injects faults in the page too', async () => {
    fake.fail({ status: 503 });
    fake.fail({ drop: true });
    const client = new NotiflowsClient({
      apiKey: fake.apiKey,
      userKey: await (await signerPromise).sign('alice'),
      retry: { baseDelay: 10 },
    });
    await client.getPreferences();
    expect(fake.requests.map((r) => r.fault ?? r.status)).to.deep.equal(['503', 'drop', 200]);
  });
});
