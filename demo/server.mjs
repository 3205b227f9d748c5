// `npm run demo`: the demo page on the vite dev server, with an embedded fake Notiflows
// (secure mode) and a tiny "customer backend" that signs user keys, as a real site would.
import { createServer, build } from 'vite';
import { getResponse } from 'msw';
import webpush from 'web-push';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { importTs } from '../test/plugins/import-ts.mjs';
import { serveExampleApp } from './example-apps.mjs';
import {
  sendFetchResponse as send,
  toFetchRequest as toRequest,
} from '../test/plugins/node-fetch-bridge.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { FakeNotiflows, createUserKeySigner, createWebPushDeliver } =
  await importTs('src/testing/index.ts');

// VAPID keys live in an ignored local file so browsers stay subscribed across restarts.
const local = new URL('./.local/', import.meta.url);
mkdirSync(local, { recursive: true });
const vapidFile = new URL('vapid.json', local);
if (!existsSync(vapidFile)) writeFileSync(vapidFile, JSON.stringify(webpush.generateVAPIDKeys()));
const vapid = JSON.parse(readFileSync(vapidFile, 'utf8'));

export const DEMO = {
  apiKey: 'pk_demo_notiflows',
  secretKey: 'sk_demo_notiflows',
  webPushChannel: '0b8f4f52-6a4e-4a8e-9d52-2f0c2b1f7c11',
  emailChannel: '1c9f5a63-7b5f-4b9f-8e63-3a1d3c2a8d22',
  smsChannel: '6b4eafb8-c0ae-4aef-9db8-8f6c8b7fd277',
  inAppChannel: '7c5fb0c9-d1bf-4b00-8ec9-9a7d9c8a0e88',
  users: ['ada', 'grace', 'linus', 'margaret'],
};
// Margaret already gets notifications on three browsers: "Your devices" lists them.
const DEVICES = [
  ['https://fcm.googleapis.com/fcm/send/demo-work-laptop', '2026-11-03T09:12:00Z'],
  ['https://updates.push.services.mozilla.com/wpush/v2/demo-home-pc', '2026-08-21T18:40:00Z'],
  ['https://web.push.apple.com/demo-iphone', '2026-05-02T07:05:00Z'],
];
const b64url = (buf) => Buffer.from(buf).toString('base64url');
const notiflows = [
  {
    id: '2d0a6b74-8c6a-4cab-9f74-4b2e4d3b9e33',
    name: 'Order updates',
    channels: [DEMO.emailChannel, DEMO.webPushChannel, DEMO.smsChannel],
    web_push: {
      title: 'Order {{ order }} has shipped',
      body: 'It should arrive {{ when }}.',
      action_url: '/demo/?order={{ order }}',
    },
  },
  {
    id: '3e1b7c85-9d7b-4dbc-8a85-5c3f5e4caf44',
    name: 'Weekly digest',
    channels: [DEMO.emailChannel, DEMO.inAppChannel],
  },
  {
    id: '4f2c8d96-ae8c-4ecd-9b96-6d4a6f5db055',
    name: 'Security alerts',
    channels: [DEMO.emailChannel, DEMO.webPushChannel, DEMO.smsChannel],
    web_push: {
      title: 'New sign-in to your account',
      body: 'From {{ device }}. Was this you?',
      action_url: '/demo/?security=1',
    },
  },
  {
    id: '5a3d9ea7-bf9d-4fde-8ca7-7e5b7a6fc166',
    name: 'Delivery delays',
    channels: [DEMO.emailChannel, DEMO.webPushChannel, DEMO.smsChannel],
  },
  { id: '9e7bd2eb-f3d1-4d22-8a0e-bc9fbeac20bb', name: 'Refunds', channels: [DEMO.emailChannel] },
  {
    id: '7c5fb0c9-d1bf-4b00-8ec9-9a7d9c8a0e99',
    name: 'Password reset',
    channels: [DEMO.emailChannel],
  },
  {
    id: '8d6ac1da-e2c0-4c11-9fd8-ab8ead9b1faa',
    name: 'Product news',
    channels: [DEMO.emailChannel, DEMO.inAppChannel],
  },
];

/**
 * How the demo shop lays out its preference center (`layout`, issue 21): served with the
 * demo's configuration, as a site's backend would, in the demo's four languages.
 */
const layout = {
  sections: [
    {
      title: { en: 'Your orders', fr: 'Vos commandes', de: 'Ihre Bestellungen', es: 'Tus pedidos' },
      description: {
        en: 'From checkout to your door.',
        fr: 'De la commande à votre porte.',
        de: 'Von der Kasse bis zur Haustür.',
        es: 'Del pago a tu puerta.',
      },
      notiflows: ['Order updates', 'Delivery delays', 'Refunds'],
    },
    {
      title: { en: 'Account', fr: 'Compte', de: 'Konto', es: 'Cuenta' },
      notiflows: ['Security alerts', 'Password reset'],
    },
  ],
  notiflows: {
    'Delivery delays': {
      description: {
        en: 'When a parcel will be late.',
        fr: 'Quand un colis aura du retard.',
        de: 'Wenn ein Paket später kommt.',
        es: 'Cuando un paquete llegará tarde.',
      },
    },
    'Password reset': {
      required: true,
      description: {
        en: 'Sent only when you ask for it.',
        fr: 'Envoyé seulement à votre demande.',
        de: 'Nur auf Ihre Anfrage.',
        es: 'Solo cuando lo pides.',
      },
    },
  },
  channels: {
    sms: {
      description: {
        en: 'Texts to your phone.',
        fr: 'Des SMS sur votre téléphone.',
        de: 'SMS auf Ihr Telefon.',
        es: 'SMS a tu teléfono.',
      },
      why: {
        en: 'We text only when a delivery is at risk.',
        fr: 'Seulement si une livraison est compromise.',
        de: 'Nur wenn eine Lieferung gefährdet ist.',
        es: 'Solo si una entrega está en riesgo.',
      },
    },
    web_push: {
      description: {
        en: 'On the browsers where you turn it on.',
        fr: 'Sur les navigateurs où vous l’activez.',
        de: 'In den Browsern, in denen Sie es einschalten.',
        es: 'En los navegadores donde lo actives.',
      },
    },
  },
};

export async function startDemo({ port = Number(process.env.PORT) || 5173, deliver } = {}) {
  // The page registers the real, built worker; the script-tag page loads the built IIFE and,
  // for fr/de/es, dist/i18n/ from the npm build (which empties dist/, so it goes first).
  // dist/ is kept (emptyOutDir: false): dist/types from `npm run build` stays for the examples.
  for (const mode of ['production', 'sw', 'iife'])
    await build({
      configFile: `${root}vite.config.ts`,
      mode,
      logLevel: 'warn',
      root,
      build: { emptyOutDir: false },
    });

  const signer = await createUserKeySigner(); // the customer's Application Signing Key
  const fake = new FakeNotiflows({
    baseUrl: '*/fake-api',
    apiKey: DEMO.apiKey,
    secretKey: DEMO.secretKey,
    signingKey: signer.publicJwk,
    users: DEMO.users,
    channels: [
      { id: DEMO.webPushChannel, type: 'web_push' },
      { id: DEMO.emailChannel, type: 'email' },
      { id: DEMO.smsChannel, type: 'sms' },
      { id: DEMO.inAppChannel, type: 'in_app' },
    ],
    notiflows,
    deliver:
      deliver ??
      createWebPushDeliver(webpush, { subject: 'mailto:demo@notiflows.invalid', ...vapid }),
  });

  for (const [endpoint, createdAt] of DEVICES) {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const p256dh = b64url(publicKey.export({ type: 'spki', format: 'der' }).subarray(-65)); // the raw uncompressed point
    fake.upsertSubscription(
      'margaret',
      DEMO.webPushChannel,
      endpoint,
      { endpoint, p256dh, auth: b64url(randomBytes(16)) },
      createdAt,
    );
  }

  const json = (res, body, status = 200) => send(res, Response.json(body, { status }));

  // The customer's backend. In a real site these routes check the session first.
  const backend = {
    'GET /demo/config': () => ({
      apiKey: DEMO.apiKey,
      apiUrl: '/fake-api/user/v1',
      channelId: DEMO.webPushChannel,
      vapidPublicKey: vapid.publicKey,
      users: DEMO.users,
      notiflows: notiflows.map(({ id, name }) => ({ id, name })),
      layout,
    }),
    'GET /demo/user-key': async (url) => {
      const user = url.searchParams.get('user');
      if (!DEMO.users.includes(user)) return [{ error: 'unknown user' }, 404];
      return new Response(await signer.sign(user, { expiresIn: 600 }), {
        headers: { 'content-type': 'text/plain' },
      });
    },
    'POST /demo/run': async (_url, body) => {
      // The secret key stays here, on the server.
      const response = await getResponse(
        fake.handlers,
        new Request(`http://demo/fake-api/admin/v1/notiflows/${body.notiflow}/run`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-notiflows-api-key': DEMO.apiKey,
            'x-notiflows-secret-key': DEMO.secretKey,
          },
          body: JSON.stringify({
            recipients: [body.user],
            data: {
              order: `A-${Math.floor(Math.random() * 900 + 100)}`,
              when: 'on Tuesday',
              device: 'Firefox on Linux',
            },
          }),
        }),
      );
      return [await response.json(), response.status];
    },
    // Lets the end-to-end tests show the error and saving states (faults as in the fake's API).
    'POST /demo/fault': (_url, body) => {
      if (body.clear) fake.clearFaults();
      else fake.fail(body);
      return { ok: true };
    },
    'GET /demo/state': () => {
      const snap = fake.snapshot();
      return {
        ...snap,
        requests: snap.requests.slice(-25).reverse(),
        deliveries: snap.deliveries.slice(-10).reverse(),
      };
    },
  };

  const server = await createServer({
    configFile: false,
    root,
    server: { port, strictPort: false, open: false },
    resolve: {
      alias: {
        '@notiflows/web-push/define': `${root}src/define.ts`,
        '@notiflows/web-push/push-prompt': `${root}src/push-prompt.ts`,
        '@notiflows/web-push/push': `${root}src/push.ts`,
        '@notiflows/web-push': `${root}src/index.ts`,
      },
    },
    esbuild: {
      tsconfigRaw: {
        compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false },
      },
    },
    plugins: [
      {
        name: 'notiflows-demo',
        configureServer(vite) {
          vite.middlewares.use(async (req, res, next) => {
            try {
              const url = new URL(req.url, 'http://demo');
              if (url.pathname === '/') {
                res.statusCode = 302;
                res.setHeader('location', '/demo/');
                return res.end();
              }
              if (
                url.pathname === '/notiflows-sw.js' ||
                url.pathname === '/notiflows.iife.js' ||
                /^\/i18n\/[a-z]{2}\.js$/.test(url.pathname) // the script tag's locale files
              ) {
                res.setHeader('content-type', 'text/javascript');
                return res.end(readFileSync(`${root}dist${url.pathname}`));
              }
              if (serveExampleApp(url, res)) return; // /react/ and /vue/: the example apps
              if (url.pathname.startsWith('/fake-api/')) {
                const response = await getResponse(fake.handlers, await toRequest(req));
                return response ? send(res, response) : next();
              }
              const route = backend[`${req.method} ${url.pathname}`];
              if (!route) return next();
              const body = req.method === 'POST' ? await (await toRequest(req)).json() : undefined;
              const out = await route(url, body);
              return out instanceof Response
                ? send(res, out)
                : Array.isArray(out)
                  ? json(res, out[0], out[1])
                  : json(res, out);
            } catch (error) {
              return json(res, { error: String(error) }, 500);
            }
          });
        },
      },
    ],
  });
  await server.listen();
  return { server, fake, url: server.resolvedUrls.local[0].replace(/\/$/, '') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startDemo();
  console.log(
    `\n  Notiflows demo:  ${url}/demo/\n  Product page:    ${url}/demo/product.html\n  Script tag page: ${url}/demo/script-tag.html\n  (fake Notiflows at ${url}/fake-api, user keys from ${url}/demo/user-key)\n`,
  );
}
