// `@notiflows/web-push/define`: registers every element of the package,
// <notiflows-preferences>, <notiflows-push> and <notiflows-push-prompt> (see components/define-element.ts).
import { NotiflowsPreferences } from './components/notiflows-preferences.js';
import { NotiflowsPush } from './components/notiflows-push.js';
import { NotiflowsPushPrompt } from './components/notiflows-push-prompt.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-preferences', NotiflowsPreferences);
defineElement('notiflows-push', NotiflowsPush);
defineElement('notiflows-push-prompt', NotiflowsPushPrompt);

export { NotiflowsPreferences, NotiflowsPush, NotiflowsPushPrompt };
