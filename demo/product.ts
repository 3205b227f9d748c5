// A product page: <notiflows-push> in the page and the soft prompt at the bottom, given the
// same settings and the same userKeyProvider so they share one push subscriber; the side
// panel counts the prompt's funnel.
// The light entries a product page would use: no preferences panel in this page's bundle.
import '@notiflows/web-push/push';
import { promptStats, type PromptStats } from '@notiflows/web-push/push-prompt';
import type { NotiflowsPush, NotiflowsPushPrompt } from '@notiflows/web-push';
import { fakeProject, keyProvider, userSwitch } from './session.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const push = $<NotiflowsPush>('push');
const prompt = $<NotiflowsPushPrompt>('prompt');

// Read before the elements are configured, so no event of this page view is counted twice
// (none if IndexedDB fails: counted from 0 then).
const counts: Partial<PromptStats> = await promptStats().catch(() => ({}));
const showCounts = () => {
  for (const dd of document.querySelectorAll('[id^=stat-]'))
    dd.textContent = String(counts[dd.id.slice('stat-'.length) as keyof PromptStats] ?? 0);
};
const count = (key: keyof PromptStats) => {
  counts[key] = (counts[key] ?? 0) + 1;
  showCounts();
};
showCounts();
prompt.addEventListener('notiflows-prompt-show', () => count('shows'));
prompt.addEventListener('notiflows-prompt-accept', () => count('accepts'));
prompt.addEventListener('notiflows-prompt-dismiss', () => count('dismissals'));
prompt.addEventListener('notiflows-prompt-permission', (e) => count(e.detail.permission));
// Read again after each sign-in too: a subscriber's first state comes without an event.
const showState = () => {
  $('push-state').textContent = push.pushState ?? 'no user';
};
push.addEventListener('notiflows-push-change', showState);
for (const type of [
  'notiflows-prompt-show',
  'notiflows-prompt-accept',
  'notiflows-prompt-dismiss',
  'notiflows-prompt-permission',
  'notiflows-push-change',
  'notiflows-error',
] as const)
  document.addEventListener(type, (e) => console.info(type, e.detail));

// Signed out, the elements keep the project and lose the user: they show nothing, say no
// error and make no request until someone signs in.
function signIn(user: string) {
  const settings = { ...fakeProject(), userKeyProvider: user ? keyProvider(user) : undefined };
  Object.assign(push, settings);
  Object.assign(prompt, settings);
  $('signed-out').hidden = !!user;
  void push.updateComplete.then(showState);
}
signIn(userSwitch($<HTMLSelectElement>('user'), signIn));

$('add').onclick = () => {
  $('added').textContent = 'Added to your basket (this shop is a demo: nothing is sold).';
};
