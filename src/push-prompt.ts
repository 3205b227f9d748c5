/**
 * `@notiflows/web-push/push-prompt`: registers `<notiflows-push-prompt>`, the soft prompt with
 * rules, topics and funnel events. Shares the page's push subscriber with `<notiflows-push>`
 * and the panel, whichever entry defined them.
 */
import { NotiflowsPushPrompt } from './components/notiflows-push-prompt.js';
import { defineElement } from './components/define-element.js';

defineElement('notiflows-push-prompt', NotiflowsPushPrompt);

export { NotiflowsPushPrompt };
export { promptStats } from './push/prompt-memory.js';
export type { PromptStats } from './push/prompt-memory.js';
export type { NotiflowsEventMap } from './components/events.js';
