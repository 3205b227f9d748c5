// Finds Chromium and Firefox on this machine; says in one line how to install a missing one.
import { existsSync } from 'node:fs';

const CANDIDATES = {
  chromium: [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  firefox: [
    process.env.FIREFOX_PATH,
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ],
};
const HINT = {
  chromium:
    'Chromium not found: `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROME_PATH to a Chrome/Chromium binary.',
  firefox:
    'Firefox not found: `sudo apt-get install firefox-esr` (Debian/Ubuntu), or set FIREFOX_PATH to a Firefox binary.',
};

export function findBrowser(name) {
  const path = CANDIDATES[name].find((p) => p && existsSync(p));
  if (!path) {
    console.error(HINT[name]);
    process.exit(1);
  }
  return path;
}

/**
 * Puppeteer launch options for Chromium as every harness here runs it (tests, e2e, bench):
 * the fake GCM server's flags make `pushManager.subscribe()` work offline.
 */
export const chromiumLaunchOptions = (gcmFlags, extraArgs = []) => ({
  executablePath: findBrowser('chromium'),
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=NativeNotifications',
    ...gcmFlags,
    ...extraArgs,
  ],
});

/**
 * Sets an origin's notification permission (`granted`, `denied`, or `prompt` for "ask") in a
 * Puppeteer page's browser: by CDP in Chromium, by WebDriver BiDi in Firefox.
 */
export const setNotifications = (page, origin, state) =>
  page.browserContext().setPermission(origin, { permission: { name: 'notifications' }, state });

/** Puppeteer launch options for Firefox subscribing through the fake autopush server. */
export const firefoxLaunchOptions = (autopushUrl, extraPrefs = {}) => ({
  browser: 'firefox',
  executablePath: findBrowser('firefox'),
  headless: true,
  extraPrefsFirefox: {
    'dom.push.connection.enabled': true, // the Remote Agent turns push off otherwise
    'dom.push.serverURL': autopushUrl,
    'dom.push.testing.allowInsecureServerURL': true,
    // Ask, as a new profile does: the harness grants, denies and resets it per origin
    // (setNotifications), since headless Firefox cannot answer a prompt.
    'permissions.default.desktop-notification': 0,
    'alerts.useSystemBackend': false, // showNotification without D-Bus
    ...extraPrefs,
  },
});
