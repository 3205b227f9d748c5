/**
 * `@notiflows/web-push`: the element class and the headless API. Importing this defines
 * nothing; import `@notiflows/web-push/define` (or call `customElements.define`) to register.
 */
export * from './headless.js';
export { NotiflowsPreferences } from './components/notiflows-preferences.js';
export { NotiflowsPush } from './components/notiflows-push.js';
export { NotiflowsPushPrompt } from './components/notiflows-push-prompt.js';
export type {
  NotiflowsChangeDetail,
  NotiflowsEventMap,
} from './components/notiflows-preferences.js';
export type { Strings } from './i18n/localize.js';
