// The npm way in: import the package, set userKeyProvider as a property, listen to events.
import '@notiflows/web-push/define';
import type { NotiflowsPreferences } from '@notiflows/web-push';
import { config, fakeProject, keyProvider, userSwitch } from './session.js';

interface RealSettings {
  apiUrl?: string;
  apiKey?: string;
  channelId?: string;
  vapidPublicKey?: string;
  userId?: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const widget = $<NotiflowsPreferences>('widget');
const SETTINGS = 'notiflows-demo-settings';

function useFake() {
  Object.assign(widget, {
    ...fakeProject(),
    userId: undefined,
    userKey: undefined,
    layout: config.layout,
  });
  widget.userKeyProvider = keyProvider(user); // a new function: the element rebuilds for the new user
}

function useReal(s: RealSettings, userKey?: string) {
  Object.assign(widget, {
    apiKey: s.apiKey,
    apiUrl: s.apiUrl || undefined,
    channelId: s.channelId || undefined,
    vapidPublicKey: s.vapidPublicKey || undefined,
    userId: s.userId || undefined,
    userKey: userKey || undefined,
    userKeyProvider: undefined,
    layout: undefined, // the demo shop's layout names the fake's notiflows
  });
}

for (const type of [
  'notiflows-load',
  'notiflows-save',
  'notiflows-error',
  'notiflows-push-change',
] as const) {
  widget.addEventListener(type, (e) => console.info(type, (e as CustomEvent).detail));
}

// Side panel: the customer's admin side.
let user = userSwitch($<HTMLSelectElement>('user'), (picked) => {
  user = picked;
  useFake();
});
$<HTMLSelectElement>('theme').onchange = (e) => {
  widget.theme = (e.target as HTMLSelectElement).value as NotiflowsPreferences['theme'];
};
$('logout').onclick = () => widget.logout();
$('run').append(
  ...config.notiflows.map((n) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `Run “${n.name}”`;
    button.onclick = () =>
      fetch('/demo/run', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ notiflow: n.id, user }),
      });
    return button;
  }),
);

const list = (id: string, items: string[]) =>
  $(id).replaceChildren(
    ...items.map((t) => Object.assign(document.createElement('li'), { textContent: t })),
  );
async function refresh() {
  const state = await (await fetch('/demo/state')).json();
  list(
    'subs',
    state.users.flatMap((u: { external_id: string; subscriptions: { identifier: string }[] }) =>
      u.subscriptions.map((s) => `${u.external_id}: ${s.identifier}`),
    ),
  );
  list(
    'deliveries',
    state.deliveries.map(
      (d: {
        recipient: string;
        channel_type: string;
        status: string;
        reason?: string;
        push_status?: number;
      }) =>
        `${d.recipient} · ${d.channel_type} · ${d.status}${d.reason ? ` (${d.reason})` : ''}${d.push_status ? ` · push ${d.push_status}` : ''}`,
    ),
  );
  list(
    'requests',
    state.requests.map(
      (r: { method: string; path: string; status: number; user?: string }) =>
        `${r.method} ${r.path} → ${r.status}${r.user ? ` (${r.user})` : ''}`,
    ),
  );
}
setInterval(() => void refresh().catch(() => undefined), 1500);
void refresh();

// Settings for a real project; the user key is never stored.
const form = $<HTMLFormElement>('settings');
const isSecret = (key: unknown) => typeof key === 'string' && key.trim().startsWith('sk_');
let saved: RealSettings | null = JSON.parse(localStorage.getItem(SETTINGS) ?? 'null');
if (isSecret(saved?.apiKey)) {
  localStorage.removeItem(SETTINGS); // stored by an older demo: a secret key never stays in a browser
  saved = null;
}
if (saved)
  for (const [k, v] of Object.entries(saved))
    (form.elements.namedItem(k) as HTMLInputElement).value = v ?? '';
form.onsubmit = (e) => {
  e.preventDefault();
  const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const { userKey, ...rest } = data;
  const apiKey = form.elements.namedItem('apiKey') as HTMLInputElement;
  // A secret key is refused before anything keeps it (the element refuses it too).
  apiKey.setCustomValidity(
    isSecret(rest.apiKey) ? 'This is a secret key (sk_…): use the public key (pk_…).' : '',
  );
  if (!apiKey.reportValidity()) return;
  localStorage.setItem(SETTINGS, JSON.stringify(rest));
  useReal(rest, userKey);
};
$('reset').onclick = () => {
  localStorage.removeItem(SETTINGS);
  form.reset();
  useFake();
};

if (saved?.apiKey) useReal(saved);
else useFake();
