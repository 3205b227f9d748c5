/**
 * `@notiflows/web-push/push`: registers `<notiflows-push>` (web push for this browser on any
 * page) and `<notiflows-push-prompt>` (a soft prompt with rules). No preferences panel: its
 * store, grid and styles stay out of the bundle.
 */
import { NotiflowsPush } from './components/notiflows-push.js';
import { NotiflowsPushPrompt } from './components/notiflows-push-prompt.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-push', NotiflowsPush);
defineElement('notiflows-push-prompt', NotiflowsPushPrompt);

export { NotiflowsPush, NotiflowsPushPrompt };
export type { NotiflowsEventMap } from './components/events.js';
export type { PushState, PushHint } from './push/environment.js';
