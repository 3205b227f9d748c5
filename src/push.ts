/**
 * `@notiflows/web-push/push`: registers `<notiflows-push>`, web push for this browser on any
 * page, without the preferences panel (its store, grid and styles stay out of the bundle).
 */
import { NotiflowsPush } from './components/notiflows-push.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-push', NotiflowsPush);

export { NotiflowsPush };
export type { NotiflowsEventMap } from './components/events.js';
export type { PushState, PushHint } from './push/environment.js';
