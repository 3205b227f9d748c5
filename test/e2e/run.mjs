// End-to-end, as a person would use it: the running demo driven by puppeteer-core in
// Debian Chromium and Firefox ESR (real profiles, so push subscriptions work), and by
// WebDriver in WebKitGTK's MiniBrowser (no Push API there: the preferences only).
// Prints `e2e: N passed, N failed`; screenshots go to test-artifacts/e2e/.
import * as puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { startWebKitDriver } from '../plugins/webkit-driver.mjs';
import { mkdirSync } from 'node:fs';
import { startDemo } from '../../demo/server.mjs';
import {
  chromiumLaunchOptions,
  firefoxLaunchOptions,
  setNotifications,
} from '../plugins/browsers.mjs';
import { startFakeAutopush } from '../plugins/fake-autopush.mjs';
import { startFakeGcm } from '../plugins/fake-gcm.mjs';
import { exampleSteps, webkitExampleSteps } from './examples.mjs';
import { productSteps, webkitProductSteps } from './product.mjs';
import { stepper } from './step.mjs';

const ARTIFACTS = 'test-artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });
const only = process.env.BROWSERS?.split(',') ?? ['chromium', 'firefox', 'webkit'];
const [gcm, autopush] = await Promise.all([startFakeGcm(), startFakeAutopush()]);
const demo = await startDemo({ port: 5199 });
const W = 'notiflows-preferences';
const results = [];

const state = async () => (await fetch(`${demo.url}/demo/state`)).json();
const userState = async (id) => (await state()).users.find((u) => u.external_id === id);
const fault = (body) =>
  fetch(`${demo.url}/demo/fault`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
async function until(check, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
// Polled, never waitForSelector: that one re-checks on light-DOM mutations only, and once
// the element is in the page only its shadow root changes (it timed out now and then).
const appear = (page, selector, timeout) => until(() => page.$(selector), selector, timeout);
const switchSel = (name) => `${W} >>> [role=switch][aria-label="${name}"]`;
const checked = (page, name) =>
  page.$eval(switchSel(name), (el) => el.getAttribute('aria-checked') === 'true');
const pushState = (page) => page.$eval(W, (el) => el.pushState);
const notifications = (page) =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration(
      new URL('/notiflows-push/', location.href).href,
    );
    return reg ? (await reg.getNotifications()).map((n) => n.title) : [];
  });

function launch(engine) {
  return puppeteer.launch(
    engine === 'chromium' ? chromiumLaunchOptions(gcm.flags) : firefoxLaunchOptions(autopush.url),
  );
}

async function scenarios(engine) {
  const browser = await launch(engine);
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  /** The demo origin's notification permission. */
  const setPermission = (state) => setNotifications(page, demo.url, state);
  await setPermission('granted');
  const open = async (user) => {
    await page.goto(`${demo.url}/demo/?user=${user}`);
    await appear(page, switchSel('Email — all notifications'), 20_000);
  };
  const shot = async (name) => {
    await page.screenshot({ path: `${ARTIFACTS}/${engine}-${name}.png`, fullPage: true });
  };
  const step = stepper(engine, results, (name) => shot(`failed-${name.replace(/\W+/g, '-')}`));
  const user = engine === 'chromium' ? 'ada' : 'grace';
  const other = 'linus';

  await step('toggle a channel off, reload: still off (on the server too)', async () => {
    await open(user);
    await shot('ready-light');
    await page.click(switchSel('SMS — all notifications'));
    await until(
      async () => (await userState(user)).preferences.channel_types.sms === false,
      'the server to hold sms: false',
    );
    await page.reload();
    await appear(page, switchSel('SMS — all notifications'), 20_000);
    assert(!(await checked(page, 'SMS — all notifications')), 'SMS is on again after reload');
  });

  await step(
    'enable notifications: subscribed, exactly one subscription on the server',
    async () => {
      await until(
        async () => (await pushState(page)) === 'unsubscribed',
        'push state unsubscribed',
      );
      await page.click(`${W} >>> [part~=push-button]`);
      await until(
        async () => (await pushState(page)) === 'subscribed',
        'push state subscribed',
        30_000,
      );
      const subs = (await userState(user)).subscriptions;
      assert(subs.length === 1, `expected one subscription, got ${subs.length}`);
    },
  );

  if (engine === 'firefox') {
    await step('run a notiflow from the side panel: our worker shows it', async () => {
      const [button] = await page.$$('#run button');
      await button.click();
      const titles = await until(async () => {
        const t = await notifications(page);
        return t.length ? t : undefined;
      }, 'a notification');
      assert(
        titles.length === 1 && /^Order A-\d+ has shipped$/.test(titles[0]),
        `unexpected notifications ${JSON.stringify(titles)}`,
      );
    });
  }

  await step(
    'switch user: nothing moves until the new user takes the device over; then the old subscription is gone',
    async () => {
      const before = (await userState(user)).subscriptions[0].identifier;
      await page.select('#user', other);
      await until(
        async () => (await pushState(page)) === 'unsubscribed',
        'push state unsubscribed (another account)',
      );
      assert(
        (await userState(user)).subscriptions.length === 1,
        'the device was taken from its owner without a click',
      );
      assert(
        (await userState(other)).subscriptions.length === 0,
        'the new user was subscribed without a click',
      );
      await page.click(`${W} >>> [part~=push-button]`); // "Receive them on this account"
      await until(
        async () => (await userState(other)).subscriptions.length === 1,
        `a subscription for ${other}`,
        30_000,
      );
      assert(
        (await userState(user)).subscriptions.length === 0,
        'the old user still holds a subscription',
      );
      assert(
        (await userState(other)).subscriptions[0].identifier !== before,
        'the endpoint was reused across users',
      );
      if (engine === 'firefox') {
        const sent = await fetch(`${demo.url}/demo/run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ notiflow: '2d0a6b74-8c6a-4cab-9f74-4b2e4d3b9e33', user }),
        });
        assert(sent.ok, `run answered ${sent.status}`);
        const last = (await state()).deliveries.find(
          (d) => d.recipient === user && d.channel_type === 'web_push',
        );
        assert(
          last?.status === 'skipped' && last.reason === 'no_subscriptions',
          `old user still reachable: ${JSON.stringify(last)}`,
        );
      }
    },
  );

  await step("log out: this browser's subscription is gone from the fake", async () => {
    await page.click('#logout');
    await until(
      async () =>
        (await userState(user)).subscriptions.length +
          (await userState(other)).subscriptions.length ===
        0,
      'no subscriptions left',
    );
    await until(async () => (await pushState(page)) === 'unsubscribed', 'push state unsubscribed');
  });

  await step('the demo refuses to store a secret key (sk_) typed as the public key', async () => {
    await page.type('#settings input[name=apiKey]', 'sk_live_typed_by_mistake');
    await page.click('#settings button[type=submit]');
    const stored = await page.evaluate(() => localStorage.getItem('notiflows-demo-settings'));
    assert(!stored?.includes('sk_'), `a secret key was stored: ${stored}`);
    assert(
      await page.$eval('#settings input[name=apiKey]', (i) => !i.checkValidity()),
      'the field does not say why',
    );
    await page.$eval('#settings input[name=apiKey]', (i) => (i.value = ''));
  });

  await step('the script-tag page works out of the box (a relative api-url)', async () => {
    await page.goto(`${demo.url}/demo/script-tag.html`);
    await appear(page, switchSel('Email — all notifications'), 20_000);
    const before = await checked(page, 'Email — all notifications');
    await page.click(switchSel('Email — all notifications'));
    await until(
      async () => (await userState('ada')).preferences.channel_types.email === !before,
      'the script-tag page to save',
    );
    await page.click(switchSel('Email — all notifications'));
    await until(
      async () => (await userState('ada')).preferences.channel_types.email === before,
      'the script-tag page to save again',
    );
  });

  await step('the script tag fetches a locale file only for that locale', async () => {
    const localeFiles = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname)
          .filter((p) => p.startsWith('/i18n/')),
      );
    assert((await localeFiles()).length === 0, `English fetched ${await localeFiles()}`);
    await page.goto(`${demo.url}/demo/script-tag.html?lang=fr`);
    await appear(page, switchSel('E-mail — toutes les notifications'), 20_000);
    const fetched = await localeFiles();
    assert(fetched.join() === '/i18n/fr.js', `French fetched ${fetched}`);
  });

  await exampleSteps({ page, step, url: demo.url, until, userState }); // demo/react, demo/vue

  await step("your devices: margaret's three browsers, named, newest first", async () => {
    await open('margaret');
    // Its code loads on its own: the preferences may show first.
    await (await appear(page, `${W} >>> [aria-controls=devices-panel]`)).click();
    await appear(page, `${W} >>> [part~=device]`, 10_000);
    const names = await page.$$eval(`${W} >>> [part~=device] .device-name`, (els) =>
      els.map((e) => e.textContent),
    );
    assert(names.join() === 'Chrome,Firefox,Safari', `devices: ${names}`);
    await (
      await page.$(`${W} >>> [part~=push]`)
    ).screenshot({ path: `${ARTIFACTS}/${engine}-devices-light.png` });
  });

  await step('screenshots: phone (375 px) and desktop (1280 px), light and dark', async () => {
    for (const [name, width] of [
      ['phone', 375],
      ['desktop', 1280],
    ]) {
      await page.setViewport({ width, height: 900 });
      await open(user);
      for (const theme of ['light', 'dark']) {
        await page.evaluate(
          (w, t) => {
            document.querySelector(w).theme = t;
          },
          W,
          theme,
        );
        await (await page.$(W)).screenshot({ path: `${ARTIFACTS}/${engine}-${name}-${theme}.png` });
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert(
        name !== 'phone' || overflow <= 0,
        `the page scrolls sideways by ${overflow}px at 375 px`,
      );
    }
    await page.setViewport({ width: 1200, height: 900 });
  });

  await step('turn everything off: the paused note, then the exact set back (375 px)', async () => {
    await page.setViewport({ width: 375, height: 900 });
    await open(user);
    // One type off before the pause, so an exact restore differs from turning all back on.
    if ((await userState(user)).preferences.channel_types.sms !== false) {
      await page.click(switchSel('SMS — all notifications'));
      await until(
        async () => (await userState(user)).preferences.channel_types.sms === false,
        'SMS off',
      );
    }
    const before = (await userState(user)).preferences.channel_types;
    const pause = `${W} >>> [part~=pause]`;
    await page.click(pause);
    await until(
      async () =>
        Object.values((await userState(user)).preferences.channel_types).every((on) => !on),
      'every channel type off',
    );
    await appear(page, `${W} >>> [part~=paused]`, 10_000);
    const note = await page.$eval(`${W} >>> [part~=paused]`, (p) => p.textContent);
    assert(note.includes('Password reset'), `the note names the required notiflow: ${note}`);
    await (await page.$(W)).screenshot({ path: `${ARTIFACTS}/${engine}-paused-375.png` });
    await page.click(pause);
    await until(
      async () =>
        JSON.stringify((await userState(user)).preferences.channel_types) ===
        JSON.stringify(before),
      'the types on before the pause, exactly',
    );
    assert((await userState(user)).preferences.channel_types.sms === false, 'SMS stays off');
    await page.setViewport({ width: 1200, height: 900 });
  });

  await step('screenshots: saving, error, dark', async () => {
    await open(user);
    await fault({ method: 'PUT', delay: 3000 });
    await page.click(switchSel('In-app — all notifications'));
    await page.waitForFunction(
      (w) => document.querySelector(w).shadowRoot.textContent.includes('Saving…'),
      {},
      W,
    );
    await shot('saving-light');
    await until(
      async () => (await userState(user)).preferences.channel_types.in_app === false,
      'the slow save',
    );
    await page.select('#theme', 'dark');
    await shot('ready-dark');
    await fault({ method: 'GET', path: '/preferences', status: 404, times: 1 });
    await page.reload();
    await appear(page, `${W} >>> [part~=error]`, 20_000);
    await shot('error-dark');
    await page.evaluate((w) => {
      document.querySelector(w).theme = 'light';
    }, W);
    await shot('error-light');
  });

  await step('denied: the card explains how to unblock', async () => {
    await setPermission('denied');
    await open(user);
    await until(async () => (await pushState(page)) === 'denied', 'push state denied');
    await shot('denied-light');
    await page.select('#theme', 'dark');
    await shot('denied-dark');
  });
  await productSteps({
    page,
    engine,
    step,
    url: demo.url,
    until,
    userState,
    requests: () => demo.fake.requests,
    artifacts: ARTIFACTS,
  });
  await browser.close();
}

/** WebKit through WebDriver: load, toggle, see it saved; a screenshot for docs/guide/troubleshooting.md. */
async function webkitScenarios() {
  const engine = 'webkit';
  const driver = await startWebKitDriver();
  const browser = await remote({
    hostname: '127.0.0.1',
    port: driver.port,
    path: '/',
    capabilities: driver.capabilities,
    logLevel: 'warn',
  });
  const sw = (selector) => browser.$(W).shadow$(selector);
  const step = stepper(engine, results);
  try {
    await step('load, toggle and save; push card unsupported', async () => {
      await browser.url(`${demo.url}/demo/?user=grace`);
      const email = await sw('[role=switch][aria-label="Email — all notifications"]');
      await email.waitForExist({ timeout: 20_000 });
      const before = (await email.getAttribute('aria-checked')) === 'true';
      await email.click();
      await until(
        async () => (await userState('grace')).preferences.channel_types.email === !before,
        'WebKit to save',
      );
      assert(
        (await (await sw('[part~=push]')).getText()).includes('can’t receive push notifications'),
        'the push card is not in its unsupported state',
      );
      await email.click();
      await until(
        async () => (await userState('grace')).preferences.channel_types.email === before,
        'WebKit to save again',
      );
      // What fits the MiniBrowser's window (resizing, zooming or scrolling it under Xvfb blanks the capture).
      await (await browser.$(W)).saveScreenshot(`${ARTIFACTS}/webkit-light.png`);
    });
    await webkitProductSteps({ browser, step, url: demo.url });
  } finally {
    await webkitExampleSteps({ browser, step, url: demo.url, until, userState });
    await browser.deleteSession().catch(() => undefined);
    driver.stop();
  }
}

try {
  for (const engine of only) await (engine === 'webkit' ? webkitScenarios() : scenarios(engine));
} finally {
  await demo.server.close();
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
