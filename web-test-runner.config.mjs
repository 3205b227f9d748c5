import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import * as puppeteer from 'puppeteer-core';
import { browserCommands, failRequestsMiddleware } from './test/plugins/browser-commands.mjs';
import { chromiumLaunchOptions, firefoxLaunchOptions } from './test/plugins/browsers.mjs';
import { countReporter } from './test/plugins/count-reporter.mjs';
import { startFakeAutopush } from './test/plugins/fake-autopush.mjs';
import { startFakeGcm } from './test/plugins/fake-gcm.mjs';
import { createFakeHub } from './test/plugins/fake-hub.mjs';
import { webkit } from './test/plugins/webkit-driver.mjs';

const only = process.env.BROWSERS?.split(',') ?? ['chromium', 'firefox', 'webkit'];
const gcm = await startFakeGcm(); // Chromium's subscribe() works offline against it
const autopush = await startFakeAutopush(); // Firefox gets a real subscription and real pushes
const hub = createFakeHub();

const chromium = () =>
  chromeLauncher({ puppeteer, launchOptions: chromiumLaunchOptions(gcm.flags) });
const firefox = () =>
  chromeLauncher({
    puppeteer,
    launchOptions: firefoxLaunchOptions(autopush.url, {
      'dom.push.retryBaseInterval': 500, // reconnect fast after autopush.reset()
    }),
  });

// The built service worker is what ships, so that is what the tests register.
const serveBuiltWorker = (ctx, next) => {
  if (ctx.path === '/notiflows-sw.js') ctx.url = '/dist/notiflows-sw.js';
  if (ctx.path === '/mockServiceWorker.js') ctx.url = '/test/msw/mockServiceWorker.js';
  return next();
};

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    browserCommands(),
    hub.plugin,
    {
      name: 'autopush-commands',
      executeCommand: ({ command }) =>
        command === 'autopush-reset' ? (autopush.reset(), true) : undefined,
    },
  ],
  middleware: [failRequestsMiddleware, serveBuiltWorker, hub.middleware],
  concurrency: 1, // one shared, non-incognito profile per browser: push needs it
  browsers: [
    only.includes('chromium') && chromium(),
    only.includes('firefox') && firefox(),
    only.includes('webkit') && (await webkit()),
  ].filter(Boolean),
  staticLogging: !!process.env.CI,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 20_000 } },
  reporters: [defaultReporter(), countReporter()],
};
