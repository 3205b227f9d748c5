/**
 * `@notiflows/web-push/testing`: a faithful fake of the Notiflows API for your tests and
 * demos, as msw handlers. Needs `msw` (a peer dependency of this entry only).
 *
 * @example
 * const fake = new FakeNotiflows({ developmentMode: true, users: ['user-1'] });
 * await setupWorker(...fake.handlers).start();
 */
export { FakeNotiflows, DEFAULT_FAKE_CHANNEL_ID } from './fake-notiflows.js';
export { MAX_USER_KEY_LIFETIME } from './auth.js';
export type {
  FakeChannel,
  FakeNotiflow,
  FakeNotiflowsOptions,
  FakeUser,
  Fault,
  LoggedRequest,
} from './fake-notiflows.js';
export { createWebPushDeliver, renderWebPushPayload } from './delivery.js';
export type {
  DeliverFn,
  Delivery,
  PushTarget,
  WebPushLibrary,
  WebPushTemplate,
} from './delivery.js';
export { createUserKeySigner } from './user-keys.js';
export type { UserKeyClaims, UserKeySigner } from './user-keys.js';
