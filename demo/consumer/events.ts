// The element's events on `document` and on the element, from the package's own types.
import type { NotiflowsPreferences } from '@notiflows/web-push';

document.addEventListener('notiflows-save', (e) => e.detail.keys.map((k) => k.length));
document.addEventListener('notiflows-error', (e) => e.detail.error.code);
window.addEventListener('notiflows-push-change', (e) => e.detail.previous === 'prompt');

const el: NotiflowsPreferences | null = document.querySelector('notiflows-preferences');
el?.addEventListener('notiflows-change', (e) => e.detail.value === true);
el?.addEventListener('notiflows-load', (e) => e.detail.preferences.channel_types);

// @ts-expect-error keys are strings
document.addEventListener('notiflows-save', (e) => e.detail.keys.map((k) => k.toFixed()));
// @ts-expect-error a change carries no `keys`
el?.addEventListener('notiflows-change', (e) => e.detail.keys);
