// Server commands the browser tests call with executeServerCommand(): permissions, trusted
// push events delivered by CDP (Chromium), and requests failed on the server (every engine).
import { setNotifications } from './browsers.mjs';

async function cdpFor(session) {
  const page = session.browser.getPage(session.id);
  return page.createCDPSession();
}
const originOf = (session) => new URL(session.browser.getPage(session.id).url()).origin;
const isFirefox = (session) => session.browser.name?.toLowerCase().includes('firefox');
// WebKit runs through WebDriver: no CDP.
const isWebDriver = (session) => session.browser.type === 'webdriver';

/** Which engine a session runs, and which sent a request (the same three names). */
const engineOf = (session) =>
  isWebDriver(session) ? 'webkit' : isFirefox(session) ? 'firefox' : 'chromium';
const engineSending = (userAgent = '') =>
  userAgent.includes('Firefox/')
    ? 'firefox'
    : userAgent.includes('Chrome/')
      ? 'chromium'
      : userAgent.includes('AppleWebKit/')
        ? 'webkit'
        : undefined; // not a browser of ours (Node, curl): never failed

/**
 * Per engine: the pattern (`*push-work*`) whose requests fail (`fail-requests`), and the test
 * file's session that set it. Keyed by engine, not page: the engines share this server, and
 * each runs one test file at a time. The next file's page clears it, should a file end
 * (crash, timeout) before its own clean-up.
 */
const failing = new Map();
const globToRegExp = (glob) =>
  new RegExp(
    glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*'),
  );

/**
 * Fails a matching request as the network would offline: the connection closes with no
 * answer. On the server, so every engine meets the same fault (a browser's own request
 * blocking is Chromium's CDP only).
 *
 * Our sources are served `no-store`, so that a page fetches each again rather than taking it
 * from the cache of an earlier one. The test runner marks every file fresh for a year from a
 * middleware outside this one, hence the header is pinned on the response itself.
 */
export function failRequestsMiddleware(ctx, next) {
  const engine = engineSending(ctx.get('user-agent'));
  const fault = failing.get(engine);
  const session = ctx.query['wtr-session-id'];
  if (fault && session && session !== fault.session) failing.delete(engine);
  else if (fault?.pattern.test(ctx.url)) {
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  if (ctx.path.startsWith('/src/')) {
    const setHeader = ctx.res.setHeader.bind(ctx.res);
    ctx.res.setHeader = (name, value) =>
      setHeader(name, name.toLowerCase() === 'cache-control' ? 'no-store' : value);
  }
  return next();
}

export function browserCommands() {
  return {
    name: 'notiflows-browser-commands',
    async executeCommand({ command, payload, session }) {
      const permission = {
        'grant-notifications': 'granted',
        'reset-permissions': 'prompt',
        'deny-notifications': 'denied',
      }[command];
      if (permission) {
        if (isWebDriver(session)) return false; // WebKitGTK: no Push API to ask for
        await setNotifications(session.browser.getPage(session.id), originOf(session), permission);
        return true;
      }
      if (command === 'fail-requests') {
        // payload: a URL pattern (`*push-work*`) whose requests from this engine fail as if
        // offline (failRequestsMiddleware); null stops.
        if (payload)
          failing.set(engineOf(session), { pattern: globToRegExp(payload), session: session.id });
        else failing.delete(engineOf(session));
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
