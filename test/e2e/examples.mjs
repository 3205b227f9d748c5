// The example apps, built from the packed tarball by `npm run examples` and served by the demo
// server under /react/ and /vue/: the panel renders, a switch saves (the fake Notiflows holds
// it), and the app's own typed save handler wrote "saved: <keys>" into its status line.
// Chromium and Firefox through puppeteer, WebKit through WebDriver.
const USER = 'linus';

const CHANNELS = { email: 'Email', sms: 'SMS', in_app: 'In-app' };

/**
 * Runs the example steps in a puppeteer page (Chromium, Firefox).
 * @param {{ page: import('puppeteer-core').Page, step: (name: string, fn: () => Promise<void>) => Promise<void>,
 *   url: string, until: Function, userState: (id: string) => Promise<any> }} t
 */
export async function exampleSteps({ page, step, url, until, userState }) {
  /** Turns the channel's global switch in `host` and waits for the server and `status`. */
  const toggle = async (host, type, status) => {
    const selector = `${host} >>> [role=switch][aria-label="${CHANNELS[type]} — all notifications"]`;
    // Polled: waitForSelector watches the light DOM for mutations, and once these apps have
    // mounted only the element's shadow root changes.
    await until(() => page.$(selector), selector, 20_000);
    const before = await page.$eval(selector, (el) => el.getAttribute('aria-checked') === 'true');
    await page.click(selector);
    await until(
      async () => (await userState(USER)).preferences.channel_types[type] === !before,
      `the server to hold ${type}: ${!before}`,
    );
    const expected = `saved: channel_types.${type}`;
    await until(
      async () => (await page.$eval(status, (el) => el.textContent)) === expected,
      `"${expected}" in ${status}`,
    );
  };

  await step('react example (packed tarball): the wrapper and the bare tag save', async () => {
    await page.goto(`${url}/react/?user=${USER}`);
    await toggle('#wrapper notiflows-preferences', 'sms', '#wrapper .status');
    // The bare tag shows only the channel types of its `channel-types="email,sms"` attribute.
    await toggle('#tag notiflows-preferences', 'email', '#tag .status');
    const shown = await page.$$eval(
      '#tag notiflows-preferences >>> [role=switch][aria-label$="— all notifications"]',
      (els) => els.map((el) => el.getAttribute('aria-label')),
    );
    if (shown.join() !== 'Email — all notifications,SMS — all notifications')
      throw new Error(`the bare tag shows ${shown.join()}`);
  });

  await step('vue example (packed tarball): the SFC saves', async () => {
    await page.goto(`${url}/vue/?user=${USER}`);
    await toggle('notiflows-preferences', 'in_app', '.status');
  });
}

/**
 * The same in WebKit through WebDriver (webdriverio), as steps of run.mjs's WebKit run.
 * @param {{ browser: WebdriverIO.Browser, step: Function, url: string, until: Function,
 *   userState: (id: string) => Promise<any> }} t
 */
export async function webkitExampleSteps({ browser, step, url, until, userState }) {
  const toggle = async (host, type, status) => {
    const element = await browser
      .$(host)
      .shadow$(`[role=switch][aria-label="${CHANNELS[type]} — all notifications"]`);
    await element.waitForExist({ timeout: 20_000 });
    const before = (await element.getAttribute('aria-checked')) === 'true';
    await element.click();
    await until(
      async () => (await userState(USER)).preferences.channel_types[type] === !before,
      `the server to hold ${type}: ${!before}`,
    );
    const expected = `saved: channel_types.${type}`;
    await until(async () => (await browser.$(status).getText()) === expected, `"${expected}"`);
  };

  await step('react example (packed tarball): the wrapper and the bare tag save', async () => {
    await browser.url(`${url}/react/?user=${USER}`);
    await toggle('#wrapper notiflows-preferences', 'sms', '#wrapper .status');
    await toggle('#tag notiflows-preferences', 'email', '#tag .status');
  });
  await step('vue example (packed tarball): the SFC saves', async () => {
    await browser.url(`${url}/vue/?user=${USER}`);
    await toggle('notiflows-preferences', 'in_app', '.status');
  });
}
