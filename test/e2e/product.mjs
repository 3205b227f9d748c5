// The demo's product page (demo/product.html): <notiflows-push> and the soft prompt sharing
// one subscriber, and the funnel counters of the side panel. Chromium and Firefox take the
// prompt through "Not now", the snooze and "Allow" (the permission reset to `default` and
// granted by the browser's remote protocol); WebKit (no Push API) checks that it stays away.
// Screenshots at 375 px go to test-artifacts/e2e/, and Chromium's to docs/images/.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setNotifications } from '../plugins/browsers.mjs';

const PUSH = 'notiflows-push';
const PROMPT = 'notiflows-push-prompt';
// axe-core comes with @open-wc/testing (chai-a11y-axe), which the browser tests use.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DOCS = fileURLToPath(new URL('../../docs/images/', import.meta.url));
// Order updates and Security alerts: the notiflows of the demo with a web push channel.
const TOPICS = 'Order updates,Security alerts';
// The page's rule is delay="2": this is that and some.
const PAST_DELAY_MS = 3500;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
const part = (host, name) => `${host} >>> [part~=${name}]`;
const pushState = (page) => page.$eval(PUSH, (el) => el.pushState);
/** The side panel's counters, as numbers (NaN until promptStats() answered). */
const counters = (page) =>
  page.$$eval('[id^=stat-]', (els) =>
    Object.fromEntries(els.map((el) => [el.id.slice('stat-'.length), Number(el.textContent)])),
  );
const sameCounts = (actual, expected) =>
  Object.entries(expected).every(([key, value]) => actual[key] === value);

/**
 * Runs the product page steps in a puppeteer page (Chromium, Firefox).
 * @param {{ page: import('puppeteer-core').Page,
 *   engine: string, step: (name: string, fn: () => Promise<void>) => Promise<void>, url: string,
 *   until: Function, userState: (id: string) => Promise<any>, requests: () => any[],
 *   artifacts: string }} t
 */
export async function productSteps({
  page,
  engine,
  step,
  url,
  until,
  userState,
  requests,
  artifacts,
}) {
  const appear = (selector, timeout = 15_000) => until(() => page.$(selector), selector, timeout);
  const open = async (user) => {
    await page.goto(`${url}/demo/product.html?user=${user}`);
    await appear(part(PUSH, 'push'), 20_000);
  };
  /** Waits until the counters read `expected` (those named), and says what they read if not. */
  const counted = (expected) =>
    until(
      async () => sameCounts(await counters(page), expected),
      `counters ${JSON.stringify(expected)}`,
    ).catch(async (error) => {
      throw new Error(`${error.message}; they read ${JSON.stringify(await counters(page))}`);
    });
  /** A screenshot in test-artifacts/e2e/, and (Chromium) the same in docs/images/. */
  const shoot = async (handle, name) => {
    const path = `${artifacts}/${engine}-${name}.png`;
    await handle.screenshot({ path });
    if (engine !== 'chromium') return;
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path, `${DOCS}${name}.png`);
  };
  /** The fake's requests while `work` runs, and for `settle` ms after. */
  const requestsDuring = async (work, settle) => {
    const before = requests().length;
    await work();
    await sleep(settle);
    return requests().slice(before);
  };

  // A person answers the browser's prompt "Allow". Headless browsers show none, so
  // requestPermission() grants and answers, as the browser tests do.
  await page.exposeFunction('e2eAllowNotifications', () => setNotifications(page, url, 'granted'));

  await step(
    'product page, permission default: the prompt shows after its delay, with topics; axe clean (375 px)',
    async () => {
      await setNotifications(page, url, 'prompt');
      await page.setViewport({ width: 375, height: 800 });
      const loaded = Date.now();
      await open('grace');
      await until(async () => (await pushState(page)) === 'prompt', 'push state prompt');
      assert(!(await page.$(part(PROMPT, 'prompt'))), 'shown before its delay');
      const prompt = await appear(part(PROMPT, 'prompt'));
      assert(Date.now() - loaded >= 2000, `shown ${Date.now() - loaded} ms after the load`);
      const topics = await page.$$eval(`${part(PROMPT, 'topics')} label`, (els) =>
        els.map((el) => el.textContent.trim()),
      );
      assert(topics.join() === TOPICS, `topics: ${topics}`);
      await counted({ shows: 1, accepts: 0, dismissals: 0, granted: 0 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px at 375 px`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length}`),
      );
      assert(!violations.length, `axe, with the prompt open: ${violations.join(', ')}`);
      await shoot(page, 'prompt-375');
      await shoot(prompt, 'prompt-topics-375');
    },
  );

  await step('"Not now": dismissals 1; a reload keeps the prompt away (snoozed)', async () => {
    await page.click(part(PROMPT, 'prompt-dismiss'));
    await until(async () => !(await page.$(part(PROMPT, 'prompt'))), 'the prompt to close');
    await counted({ shows: 1, dismissals: 1 });
    const loaded = Date.now();
    await page.reload();
    await until(async () => (await pushState(page)) === 'prompt', 'push state prompt');
    await counted({ shows: 1, dismissals: 1 }); // from promptStats(), on load
    await sleep(loaded + PAST_DELAY_MS - Date.now());
    assert(!(await page.$(part(PROMPT, 'prompt'))), 'the snoozed prompt showed again');
  });

  await step(
    '"Allow" as another user: one POST, <notiflows-push> subscribed, accepts 1, granted 1',
    async () => {
      await page.evaluate(() => {
        Notification.requestPermission = () => window.e2eAllowNotifications().then(() => 'granted');
      });
      const sent = await requestsDuring(async () => {
        await page.select('#user', 'ada'); // a user the prompt has not asked yet
        await appear(part(PROMPT, 'prompt'));
        await page.click(part(PROMPT, 'prompt-allow'));
        await until(async () => (await pushState(page)) === 'subscribed', 'subscribed', 30_000);
        await counted({ shows: 2, accepts: 1, dismissals: 1, granted: 1, denied: 0, default: 0 });
        await until(
          async () => (await page.$eval('#push-state', (el) => el.textContent)) === 'subscribed',
          'the panel to say subscribed',
        );
      }, 500);
      const subs = (await userState('ada')).subscriptions;
      assert(subs.length === 1, `${subs.length} subscriptions for ada`);
      const posts = sent.filter((r) => r.method === 'POST');
      assert(posts.length === 1, `${posts.length} POSTs: ${posts.map((r) => r.path)}`);
      const puts = sent.filter((r) => r.method === 'PUT');
      assert(puts.length === 1, `${puts.length} PUTs of the ticked topics`);
      assert(!(await page.$(part(PROMPT, 'prompt'))), 'the prompt is still open');
      await shoot(await page.$('.shipping'), 'push-subscribed-375');
    },
  );

  await step(
    'product page loads: no request when subscribed, none signed out (1280 px)',
    async () => {
      await page.setViewport({ width: 1280, height: 900 });
      const subscribed = await requestsDuring(async () => {
        await open('ada');
        await until(async () => (await pushState(page)) === 'subscribed', 'subscribed');
      }, PAST_DELAY_MS);
      assert(!(await page.$(part(PROMPT, 'prompt'))), 'the prompt showed to a subscriber');
      await page.screenshot({ path: `${artifacts}/${engine}-product-1280.png` });
      await page.click(part(PUSH, 'push-button')); // Turn off: the next engine starts clean
      await until(
        async () => (await userState('ada')).subscriptions.length === 0,
        'the subscription to go',
      );
      // Past the elements' 4 s grace for a missing user, had they been given a project.
      const signedOut = await requestsDuring(
        () => page.goto(`${url}/demo/product.html?user=`),
        5000,
      );
      const list = (sent) => sent.map((r) => `${r.method} ${r.path}`).join(', ');
      // In sync and nobody to ask: nothing to send. Signed out: nobody to send it for.
      assert(subscribed.length === 0, `a subscribed load sent ${list(subscribed)}`);
      assert(signedOut.length === 0, `a signed-out load sent ${list(signedOut)}`);
    },
  );
}

/**
 * The product page in WebKit (WebDriver): no Push API, so the card says so and the prompt
 * stays away.
 * @param {{ browser: WebdriverIO.Browser, step: Function, url: string }} t
 */
export async function webkitProductSteps({ browser, step, url }) {
  await step('product page: <notiflows-push> unsupported, the prompt stays away', async () => {
    const loaded = Date.now();
    await browser.url(`${url}/demo/product.html?user=grace`);
    const card = await browser.$(PUSH).shadow$('[part~=push]');
    await card.waitForExist({ timeout: 20_000 });
    assert(
      (await card.getText()).includes('can’t receive push notifications'),
      'the push card is not in its unsupported state',
    );
    await sleep(loaded + PAST_DELAY_MS - Date.now());
    assert(
      !(await (await browser.$(PROMPT).shadow$('[part~=prompt]')).isExisting()),
      'the prompt showed',
    );
    const state = await (await browser.$('#push-state')).getText();
    assert(state === 'unsupported', `the panel says ${state}`);
  });
}
