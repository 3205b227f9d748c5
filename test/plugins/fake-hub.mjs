// Many isolated fake Notiflows projects in one dev server: each test creates its own
// project, served under /fake/<id>/ (user API at /fake/<id>/user/v1). Requests from the
// page and from service workers reach the same Node state through this middleware.
import { getResponse } from 'msw';
import webpush from 'web-push';
import { importTs } from './import-ts.mjs';
import { sendFetchResponse, toFetchRequest } from './node-fetch-bridge.mjs';

const { FakeNotiflows, createUserKeySigner, createWebPushDeliver } =
  await importTs('src/testing/index.ts');

export function createFakeHub() {
  const projects = new Map();
  const vapid = webpush.generateVAPIDKeys();
  const vapidDetails = { subject: 'mailto:tests@notiflows.invalid', ...vapid };
  const realDeliver = createWebPushDeliver(webpush, vapidDetails);
  let seq = 0;

  const project = (id) => {
    const p = projects.get(id);
    if (!p) throw new Error(`unknown fake project ${id}`);
    return p;
  };

  const ops = {
    async create({ config = {} }) {
      const id = `p${++seq}${Math.random().toString(36).slice(2, 8)}`;
      const signer = await createUserKeySigner();
      const { deliver, ...options } = config;
      const fake = new FakeNotiflows({
        ...options,
        baseUrl: `*/fake/${id}`,
        apiKey: `pk_test_${id}`,
        secretKey: `sk_test_${id}`,
        signingKey: signer.publicJwk,
        deliver: deliver === 'web-push' ? realDeliver : undefined,
      });
      projects.set(id, { fake, signer });
      return {
        id,
        apiKey: fake.apiKey,
        secretKey: fake.secretKey,
        vapidPublicKey: vapid.publicKey,
      };
    },
    sign: ({ project: id, sub, expiresIn, issuedAt, notBefore }) =>
      project(id).signer.sign(sub, { expiresIn, issuedAt, notBefore }),
    fail: ({ project: id, fault }) => {
      project(id).fake.fail(
        fault.pathRegex ? { ...fault, path: new RegExp(fault.pathRegex) } : fault,
      );
      return true;
    },
    clearFaults: ({ project: id }) => {
      project(id).fake.clearFaults();
      return true;
    },
    snapshot: ({ project: id }) => project(id).fake.snapshot(),
    set: ({ project: id, values }) => {
      Object.assign(project(id).fake, values);
      return true;
    },
    upsertUser: ({ project: id, user }) => project(id).fake.upsertUser(user).user,
    removeNotiflow: ({ project: id, notiflowId }) => project(id).fake.notiflows.delete(notiflowId),
    upsertSubscription: ({ project: id, user, channelId, identifier, settings, createdAt }) =>
      project(id).fake.upsertSubscription(user, channelId, identifier, settings, createdAt)
        .subscription,
    // The admin API as a customer's server calls it: from Node, no Origin (the secret key
    // never goes through a browser; its headers are not allowed cross-origin).
    admin: async ({ project: id, method, path, body, headers = {} }) => {
      const { fake } = project(id);
      const response = await getResponse(
        fake.handlers,
        new Request(`http://127.0.0.1/fake/${id}/admin/v1${path}`, {
          method,
          headers: {
            'x-notiflows-api-key': fake.apiKey,
            'x-notiflows-secret-key': fake.secretKey,
            'content-type': 'application/json',
            ...headers,
          },
          body:
            body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
      return { status: response.status, body: await response.text() };
    },
    dispose: ({ project: id }) => projects.delete(id),
    // Encrypts and sends one push straight to a subscription (Firefox: through the fake autopush).
    send: async ({ subscription, payload }) =>
      (await realDeliver({ subscription, payload })).status,
  };

  return {
    vapid,
    plugin: {
      name: 'notiflows-fake-hub',
      async executeCommand({ command, payload }) {
        if (command !== 'fake') return undefined;
        const op = ops[payload.op];
        if (!op) throw new Error(`unknown fake op ${payload.op}`);
        return (await op(payload)) ?? null;
      },
    },
    async middleware(ctx, next) {
      const m = ctx.path.match(/^\/fake\/([\w]+)\//);
      if (!m || !projects.has(m[1])) return next();
      const response = await getResponse(
        projects.get(m[1]).fake.handlers,
        await toFetchRequest(ctx.req, ctx.url),
      );
      if (!response) return next();
      ctx.respond = false; // answered below, straight on the Node response
      await sendFetchResponse(ctx.res, response);
    },
  };
}
