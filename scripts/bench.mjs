// `npm run bench`: speed and leak figures in headless Chromium against the fake Notiflows
// on loopback, using the built script-tag bundle. Not a test of timings: it fails only
// when a count rule breaks (1 request on an in-sync load, ≤ 2 PUTs for 20 toggles, no heap
// growth trend, nothing left behind), and on one ratio: a big project (500 notiflows × 6
// channel types) must render within 1.5× the same DOM built with plain DOM calls in the same
// page, and a toggle there must touch nothing outside its row (Chromium, and Firefox when
// installed). BENCH_ONLY=grid runs that case alone (BENCH_FIREFOX=0: Chromium only;
// BENCH_VERBOSE=1 prints each run's element/floor pair).
import * as puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { getResponse } from 'msw';
import { DEMO, startDemo } from '../demo/server.mjs';
import { chromiumLaunchOptions } from '../test/plugins/browsers.mjs';
import { startFakeGcm } from '../test/plugins/fake-gcm.mjs';

const RUNS = Number(process.env.BENCH_RUNS) || 7;
const MOUNTS = Number(process.env.BENCH_MOUNTS) || 200;
const GRID_RUNS = Number(process.env.BENCH_GRID_RUNS) || 15;
const GRID_NOTIFLOWS = 500;
const MAX_RATIO = 1.5;
const GRID_ONLY = process.env.BENCH_ONLY === 'grid';
const gcm = await startFakeGcm();
const demo = await startDemo({ port: 5198, deliver: async () => ({ status: 201 }) });
const browser = await puppeteer.launch(
  chromiumLaunchOptions(gcm.flags, ['--js-flags=--expose-gc']),
);
await browser.defaultBrowserContext().overridePermissions(demo.url, ['notifications']);
const page = await browser.newPage();
const cdp = await page.createCDPSession();
await cdp.send('Performance.enable');
await page.goto(`${demo.url}/demo/bench.html`);
const config = await (await fetch(`${demo.url}/demo/config`)).json();
const failures = [];
const phase = (name) => console.error(`bench: ${name}…`);
const rows = [];
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) };
};
const fmt = (x, unit) =>
  `${x.median.toFixed(1)} ${unit} (min ${x.min.toFixed(1)}, max ${x.max.toFixed(1)})`;
const taskTime = async () =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value *
  1000;
const requests = () => demo.fake.requests.length;

// 500 notiflows on all six channel types, some of them off, next to the demo's three (503
// rows, 3,517 switches), for everyone using the demo (so this case runs last).
async function seedBigProject() {
  const channels = {
    email: DEMO.emailChannel,
    sms: DEMO.smsChannel,
    in_app: DEMO.inAppChannel,
    web_push: DEMO.webPushChannel,
    mobile_push: randomUUID(),
    chat: randomUUID(),
  };
  demo.fake.channels.set(channels.mobile_push, { id: channels.mobile_push, type: 'mobile_push' });
  demo.fake.channels.set(channels.chat, { id: channels.chat, type: 'chat' });
  const topics = [
    'Order',
    'Invoice',
    'Comment',
    'Mention',
    'Build',
    'Deploy',
    'Security',
    'Digest',
  ];
  const events = ['created', 'updated', 'shipped', 'failed', 'approved', 'reminder', 'summary'];
  const update = {};
  for (let i = 0; i < GRID_NOTIFLOWS; i++) {
    const id = randomUUID();
    const name = `${topics[i % topics.length]} ${events[i % events.length]} #${i + 1}`;
    demo.fake.notiflows.set(id, { id, name, channels: Object.values(channels) });
    if (i % 10 === 3) update[id] = { enabled: false };
    else if (i % 5 === 1) update[id] = { channel_types: { sms: false, chat: false } };
  }
  const response = await getResponse(
    demo.fake.handlers,
    new Request('http://demo/fake-api/admin/v1/users/ada/preferences', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'x-notiflows-api-key': DEMO.apiKey,
        'x-notiflows-secret-key': DEMO.secretKey,
      },
      body: JSON.stringify({ notiflows: update }),
    }),
  );
  if (!response?.ok) throw new Error(`could not seed the big project: ${response?.status}`);
}

// Mounts a widget for `user` and resolves when its switches are on screen.
const mount = (user, withPush) =>
  page.evaluate(
    async ({ user, config, withPush }) => {
      const key = await (await fetch(`/demo/user-key?user=${user}`)).text();
      const t0 = performance.now();
      const el = document.createElement('notiflows-preferences');
      Object.assign(el, {
        apiKey: config.apiKey,
        apiUrl: new URL(config.apiUrl, location.href).href,
        userKey: key,
        locale: 'en',
      });
      if (withPush)
        Object.assign(el, { channelId: config.channelId, vapidPublicKey: config.vapidPublicKey });
      document.body.append(el);
      while (!el.shadowRoot?.querySelector('[role=switch]')) {
        if (performance.now() - t0 > 15_000)
          throw new Error(`no switches after 15 s: ${el.shadowRoot?.textContent}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      return performance.now() - t0;
    },
    { user, config, withPush },
  );
const unmountAll = () =>
  page.evaluate(() => {
    for (const el of document.querySelectorAll('notiflows-preferences')) el.remove();
  });

// What the page holds before any widget exists (vite's client adds a listener of its own).
const snapshotLeaks = () =>
  page.evaluate(() => ({
    channels: window.__leaks.channels,
    listeners: window.__leaks.listeners,
    timers: window.__leaks.timers.size,
    which: [...window.__leaks.live.values()],
  }));
if (!GRID_ONLY) {
  await new Promise((r) => setTimeout(r, 500));
  const baseline = await snapshotLeaks();
  phase('render');
  // 1. Connected → rendered.
  const renders = [];
  const mainThread = [];
  for (let i = 0; i < RUNS; i++) {
    const before = await taskTime();
    renders.push(await mount('ada', false));
    mainThread.push((await taskTime()) - before);
    await unmountAll();
  }
  rows.push(['element connected → preferences rendered', fmt(stats(renders), 'ms')]);
  rows.push(['main-thread time for that', fmt(stats(mainThread), 'ms')]);

  phase('in-sync load');
  // 2. A device already registered and in sync loads the page: one request.
  await mount('grace', true);
  await page.evaluate(() => document.querySelector('notiflows-preferences').enablePush());
  const state = await page.evaluate(
    () => document.querySelector('notiflows-preferences').pushState,
  );
  if (state !== 'subscribed')
    failures.push(`could not subscribe for the in-sync check (state ${state})`);
  await unmountAll();
  const beforeLoad = requests();
  await mount('grace', true);
  await new Promise((r) => setTimeout(r, 2000));
  const loadRequests = demo.fake.requests.slice(beforeLoad).map((r) => `${r.method} ${r.path}`);
  rows.push([
    'requests on a load by a registered, in-sync device',
    `${loadRequests.length} (${loadRequests.join(', ')})`,
  ]);
  if (loadRequests.length !== 1 || loadRequests[0] !== 'GET /user/v1/preferences')
    failures.push(`in-sync load made ${loadRequests.length} requests: ${loadRequests}`);
  await page.evaluate(() => document.querySelector('notiflows-preferences').logout());
  await unmountAll();

  phase('toggles');
  // 3. 20 toggles within 500 ms.
  const toggleRuns = [];
  const putCounts = [];
  for (let i = 0; i < RUNS; i++) {
    await mount('linus', false);
    const beforePut = demo.fake.requests.filter((r) => r.method === 'PUT').length;
    const ms = await page.evaluate(async () => {
      const el = document.querySelector('notiflows-preferences');
      const switches = [
        ...el.shadowRoot.querySelectorAll('[role=switch]:not([aria-disabled=true])'),
      ].slice(0, 5);
      const t0 = performance.now();
      for (let n = 0; n < 20; n++) {
        switches[n % switches.length].click();
        await new Promise((r) => setTimeout(r, 24));
      }
      // Saved: nothing shows "Saving…" any more.
      while (el.shadowRoot.textContent.includes('Saving…')) {
        if (performance.now() - t0 > 15_000) throw new Error('still saving after 15 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      return performance.now() - t0;
    });
    toggleRuns.push(ms);
    putCounts.push(demo.fake.requests.filter((r) => r.method === 'PUT').length - beforePut);
    await unmountAll();
  }
  rows.push(['20 toggles in 500 ms → saved', fmt(stats(toggleRuns), 'ms')]);
  rows.push([
    'PUTs for those 20 toggles',
    `${Math.max(...putCounts)} at most (${putCounts.join(', ')})`,
  ]);
  if (Math.max(...putCounts) > 2) failures.push(`20 toggles made ${Math.max(...putCounts)} PUTs`);

  phase('mount/remove');
  // 4. Mount and remove many times: heap trend, and nothing left behind.
  const heap = async () => {
    await page.evaluate(() => window.gc?.());
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const samples = [await heap()];
  for (let i = 1; i <= MOUNTS; i++) {
    await mount('ada', false);
    await unmountAll();
    if (i % (MOUNTS / 4) === 0) samples.push(await heap());
  }
  await new Promise((r) => setTimeout(r, 2500));
  const after = await snapshotLeaks();
  const leftovers = {
    channels: after.channels - baseline.channels,
    listeners: after.listeners - baseline.listeners,
    timers: after.timers - baseline.timers,
    which: after.which.filter((w) => !baseline.which.includes(w)),
  };
  const kb = (b) => `${(b / 1024).toFixed(0)} kB`;
  rows.push([
    `heap after 0/${MOUNTS / 4}/${MOUNTS / 2}/${(3 * MOUNTS) / 4}/${MOUNTS} mounts`,
    samples.map(kb).join(' → '),
  ]);
  rows.push([
    'left behind after removal',
    `${leftovers.channels} BroadcastChannels, ${leftovers.listeners} window/document listeners, ${leftovers.timers} timers`,
  ]);
  const secondHalf = samples.at(-1) - samples[2];
  const firstHalf = samples[2] - samples[0];
  if (secondHalf > Math.max(256 * 1024, firstHalf))
    failures.push(`heap keeps growing: +${kb(firstHalf)} then +${kb(secondHalf)}`);
  if (leftovers.channels || leftovers.listeners || leftovers.timers)
    failures.push(`left behind: ${JSON.stringify(leftovers)}`);
}

phase('big project');
// 5. A big project: the element's first render against the plain-DOM floor, and a toggle.
await seedBigProject();
const gridRows = [];
const gridEngines = [['Chromium', browser]];
const firefoxPath = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find(
  (p) => p && existsSync(p),
);
if (firefoxPath && process.env.BENCH_FIREFOX !== '0') {
  const firefox = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
    })
    .catch((error) => console.error(`bench: Firefox did not start (${error.message}); skipped`));
  if (firefox) gridEngines.push(['Firefox', firefox]);
}
for (const [engine, b] of gridEngines) {
  phase(`big project in ${engine}`);
  const gridPage = await b.newPage();
  // No vite client: a file another engineer saves must not reload the page mid-measure.
  await gridPage.setRequestInterception(true);
  gridPage.on('request', (r) => (r.url().includes('/@vite/client') ? r.abort() : r.continue()));
  await gridPage.goto(`${demo.url}/demo/bench-grid.html`);
  await gridPage.waitForFunction(() => window.benchGrid);
  const options = { user: 'ada', apiKey: config.apiKey, apiUrl: config.apiUrl };
  const compare = () =>
    gridPage.evaluate((o) => window.benchGrid.compare(o), { ...options, runs: GRID_RUNS });
  const ratioOf = (c) =>
    stats(c.element.map((x) => x.ms)).median / stats(c.plain.map((x) => x.ms)).median;
  let cmp = await compare();
  // Two cores shared with whatever else runs: a ratio over the rule is measured once more
  // (a regression fails both times; one run slowed by the machine does not fail CI).
  let firstRatio;
  if (ratioOf(cmp) > MAX_RATIO) {
    firstRatio = ratioOf(cmp);
    cmp = await compare();
  }
  const toggles = await gridPage.evaluate((o) => window.benchGrid.toggles(o), {
    ...options,
    count: 7,
  });
  await gridPage.close();
  if (process.env.BENCH_VERBOSE)
    console.error(
      cmp.element.map((e, i) => `${e.ms.toFixed(1)}/${cmp.plain[i].ms.toFixed(1)}`).join(' '),
    );
  const element = stats(cmp.element.map((x) => x.ms));
  const plain = stats(cmp.plain.map((x) => x.ms));
  const elementLaid = stats(cmp.element.map((x) => x.layoutMs));
  const plainLaid = stats(cmp.plain.map((x) => x.layoutMs));
  const ratio = element.median / plain.median;
  const toggleMs = stats(toggles.map((t) => t.ms));
  const outside = Math.max(...toggles.map((t) => t.outside));
  gridRows.push(
    [
      `${engine}: element, preferences arrived → rendered (${cmp.rows} rows, ${cmp.switches.toLocaleString('en')} switches)`,
      fmt(element, 'ms'),
    ],
    [`${engine}: plain-DOM floor, the same DOM`, fmt(plain, 'ms')],
    [
      `${engine}: ratio (medians; must be ≤ ${MAX_RATIO})`,
      `**${ratio.toFixed(2)}×**${firstRatio ? ` (measured twice: the first set gave ${firstRatio.toFixed(2)}×)` : ''}`,
    ],
    [
      `${engine}: with style and layout, element / floor`,
      `${elementLaid.median.toFixed(1)} / ${plainLaid.median.toFixed(1)} ms (${(elementLaid.median / plainLaid.median).toFixed(2)}×)`,
    ],
    [`${engine}: a toggle, click → re-rendered`, fmt(toggleMs, 'ms')],
    [
      `${engine}: mutations outside the toggled row, click → saved (${toggles.length} toggles)`,
      `**${outside}** (in its row: ${toggles.map((t) => t.inRow).join(', ')}; live status line: ${toggles.map((t) => t.status).join(', ')})`,
    ],
    [
      `${engine}: rows the Tab stop's move touches (focus before each toggle)`,
      `${Math.max(...toggles.map((t) => t.focusRows))} at most`,
    ],
  );
  if (cmp.sameDom !== true)
    failures.push(`${engine}: the floor is not the element's DOM: ${cmp.sameDom}`);
  if (ratio > MAX_RATIO)
    failures.push(
      `${engine}: the element renders in ${ratio.toFixed(2)}× the plain-DOM floor (> ${MAX_RATIO})`,
    );
  if (outside)
    failures.push(
      `${engine}: a toggle mutated ${outside} nodes outside its row: ${toggles.flatMap((t) => t.outsideWhat).join('; ')}`,
    );
  if (toggles.some((t) => !t.flipped)) failures.push(`${engine}: a toggle did not flip its switch`);
  if (toggles.some((t) => t.focusOutside || t.focusRows > 2))
    failures.push(`${engine}: moving the Tab stop touched more than its two rows`);
  if (b !== browser) await b.close();
}
await browser.close();
await demo.server.close();
if (!GRID_ONLY)
  console.log(
    `\n| measure (headless Chromium, loopback, ${RUNS} runs) | result |\n|---|---|\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`,
  );
console.log(
  `\n| big project: ${GRID_NOTIFLOWS} notiflows × 6 channel types (${GRID_RUNS} runs) | result |\n|---|---|\n${gridRows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`,
);
if (failures.length) {
  console.error(`\nbench rules broken:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `\nbench rules hold: ${GRID_ONLY ? '' : '1 request in sync, ≤ 2 PUTs, no heap trend, nothing left behind, '}big project ≤ ${MAX_RATIO}× the plain-DOM floor, a toggle touches only its row`,
);
