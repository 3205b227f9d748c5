// The sentences behind this package's developer-facing messages (thrown errors' `message`,
// console lines), by id. This file ships in development builds only: the `development`
// export condition (Vite's dev server, webpack in development mode, `node --conditions
// development`) and `dist/notiflows.dev.iife.js`. Production builds get messages.codes.ts
// instead: the id, any detail, and a link to docs/reference/messages.md, where each id has
// its sentence (generated from this file). `{}` is where the detail goes.

/** Every developer-facing sentence, by stable id. */
export const MESSAGES = {
  secret_key:
    'A secret key (sk_…) was given. It must never reach a browser: use the public key (pk_…) and rotate the secret key now.',
  api_key: 'api-key must be the project public key (pk_…).',
  api_url: 'api-url is not a valid http(s) URL.',
  project: 'project must be a non-empty string.',
  channel_id: 'channel-id is required.',
  foreign_client:
    'This client was not made by this copy of @notiflows/web-push (two copies in the bundle?): make it with the NotiflowsClient of the same import.',
  vapid_key: 'vapid-public-key is not a base64url P-256 public key.',
  no_user: 'Set a user key (user-key or userKeyProvider), or user-id in development mode.',
  user_key_format: 'The user key is not a JWT (expected three dot-separated parts).',
  user_key_unreadable: 'The user key is not a readable JWT.',
  user_key_sub: 'The user key has no `sub` claim (the user external id).',
  user_key_missing: 'No user key is available.',
  user_changed: 'The new user key names another user; this client stays bound to the first.',
  signed_out: 'The user signed out meanwhile.',
  provider_timeout: 'The user key provider did not answer in time.',
  development_mode:
    'Development mode: x-notiflows-user-id lets anyone act as any user. Use a signed user key in production.',
  not_json: 'Notiflows answered {} with a body that is not JSON.',
  request_timeout: 'Notiflows did not answer {} in time.',
  http_status: 'Notiflows answered with HTTP {}.',
  bad_response: 'Unexpected response from Notiflows: {}.',
  subscription_keys: 'The push subscription has no endpoint or no keys.',
  unknown_preference: 'Unknown preference {}.',
  required_preference:
    'Preference {} belongs to a notiflow the layout marks required: it is never written.',
  layout_json:
    'The <script type="application/json"> layout child is not valid JSON; it is ignored.',
  layout_unknown: 'The layout names notiflows this project does not have: {}.',
  push_unsupported: 'This browser cannot receive web push here.',
  push_denied: 'Notifications are blocked for this site.',
  scope_taken: 'Another push subscription uses the scope {}; set a scope of its own with sw-scope.',
  push_service_timeout: 'The browser push service did not answer.',
  push_service_refused: 'The browser push service refused the subscription: {}',
  worker_unreachable:
    'The service worker at {} could not be fetched. Host dist/notiflows-sw.js there, or set sw-url.',
  worker_status:
    'The service worker at {} answered an HTTP error. Host dist/notiflows-sw.js there, or set sw-url.',
  worker_redirect:
    'The service worker at {} redirects (service workers cannot be redirected). Host dist/notiflows-sw.js there, or set sw-url.',
  worker_not_js:
    'The service worker at {} is not JavaScript (is it an HTML fallback page?). Host dist/notiflows-sw.js there, or set sw-url.',
  worker_register: 'The service worker could not be registered: {}',
  worker_activate: 'The service worker did not activate within {} ms.',
  worker_install: 'The service worker failed to install (it threw while starting).',
  push_not_configured:
    'Call push.configure() with the api key, the user, the channel id and the VAPID public key first.',
  code_unavailable:
    'Part of @notiflows/web-push ({}) could not be loaded: the network, or a file of your bundle the site no longer serves.',
  locale: 'Locale "{}" could not be loaded; using English.',
  unsupported_browser: 'The Notiflows elements are not shown: this browser lacks {}.',
} as const;

/** The id of a developer-facing message. */
export type MessageId = keyof typeof MESSAGES;
