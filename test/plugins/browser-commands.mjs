// Server commands the browser tests call with executeServerCommand(): permissions, and
// trusted push events delivered by CDP (Chromium).
async function cdpFor(session) {
  const page = session.browser.getPage(session.id);
  return page.createCDPSession();
}
const originOf = (session) => new URL(session.browser.getPage(session.id).url()).origin;
const isFirefox = (session) => session.browser.name?.toLowerCase().includes('firefox');
// WebKit runs through WebDriver: no CDP, and no Push API to grant anything for.
const isWebDriver = (session) => session.browser.type === 'webdriver';

/** Per test page: the CDP session that fails its matching requests (`fail-requests`). */
const failing = new Map();

export function browserCommands() {
  return {
    name: 'notiflows-browser-commands',
    async executeCommand({ command, payload, session }) {
      if (
        isWebDriver(session) &&
        ['grant-notifications', 'reset-permissions', 'deny-notifications'].includes(command)
      )
        return false;
      if (command === 'grant-notifications') {
        // Firefox is started with notifications granted (pref); CDP is Chromium-only.
        if (isFirefox(session)) return true;
        await (
          await cdpFor(session)
        ).send('Browser.grantPermissions', {
          origin: originOf(session),
          permissions: ['notifications'],
        });
        return true;
      }
      if (command === 'reset-permissions') {
        if (isFirefox(session)) return false;
        await (await cdpFor(session)).send('Browser.resetPermissions');
        return true;
      }
      if (command === 'deny-notifications') {
        if (isFirefox(session)) return false;
        const cdp = await cdpFor(session);
        await cdp.send('Browser.setPermission', {
          origin: originOf(session),
          permission: { name: 'notifications' },
          setting: 'denied',
        });
        return true;
      }
      if (command === 'fail-requests') {
        // payload: a URL pattern (`*push-work*`) whose requests from this page, its iframes
        // included, fail as if offline; null stops. Chromium only (CDP Fetch): false elsewhere.
        if (isFirefox(session) || isWebDriver(session)) return false;
        await failing
          .get(session.id)
          ?.detach()
          .catch(() => undefined);
        failing.delete(session.id);
        if (!payload) return true;
        const cdp = await cdpFor(session);
        cdp.on('Fetch.requestPaused', ({ requestId }) =>
          cdp
            .send('Fetch.failRequest', { requestId, errorReason: 'InternetDisconnected' })
            .catch(() => undefined),
        );
        // A file the page fetched before (the memory cache) must not slip past.
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Fetch.enable', { patterns: [{ urlPattern: payload }] });
        failing.set(session.id, cdp);
        return true;
      }
      if (command === 'model-runs') return Number(process.env.MODEL_RUNS ?? 10); // npm run test:model runs more
      if (command === 'deliver-push') {
        // payload: { scopeURL, data }
        if (isFirefox(session)) throw new Error('deliver-push uses CDP: Chromium only');
        const cdp = await cdpFor(session);
        try {
          const regs = new Map();
          cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
            for (const r of e.registrations)
              if (!r.isDeleted) regs.set(r.scopeURL, r.registrationId);
          });
          await cdp.send('ServiceWorker.enable');
          for (let i = 0; i < 100 && !regs.has(payload.scopeURL); i++)
            await new Promise((r) => setTimeout(r, 20));
          const registrationId = regs.get(payload.scopeURL);
          if (!registrationId)
            throw new Error(`no service worker registration for ${payload.scopeURL}`);
          await cdp.send('ServiceWorker.deliverPushMessage', {
            origin: originOf(session),
            registrationId,
            data: payload.data,
          });
          return { registrationId };
        } finally {
          await cdp.detach(); // sessions left open pile up and make later deliveries vanish
        }
      }
      return undefined;
    },
  };
}
