// `@notiflows/web-push/define`: registers every element of the package,
// <notiflows-preferences> and <notiflows-push> (see components/define-element.ts).
import { NotiflowsPreferences } from './components/notiflows-preferences.js';
import { NotiflowsPush } from './components/notiflows-push.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-preferences', NotiflowsPreferences);
defineElement('notiflows-push', NotiflowsPush);

export { NotiflowsPreferences, NotiflowsPush };
