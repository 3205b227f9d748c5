/**
 * `@notiflows/web-push/push`: registers `<notiflows-push>`, web push for this browser on any
 * page. No preferences panel and no prompt: their code stays out of the bundle (the prompt is
 * `@notiflows/web-push/push-prompt`).
 */
import { NotiflowsPush } from './components/notiflows-push.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-push', NotiflowsPush);

export { NotiflowsPush };
export type { NotiflowsEventMap } from './components/events.js';
export type { PushState, PushHint } from './push/environment.js';
