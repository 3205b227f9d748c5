import type { PreferencesLayout } from '@notiflows/web-push';

// What the demo's pages share: the backend's configuration and the signed-in user. The user
// travels in `?user=`, so the nav's links keep them signed in from one page to the next.

/** What `GET /demo/config` answers. */
export interface DemoConfig {
  apiKey: string;
  apiUrl: string;
  channelId: string;
  vapidPublicKey: string;
  users: string[];
  notiflows: { id: string; name: string }[];
  /** The shop's sections, descriptions and required notiflow. */
  layout: PreferencesLayout;
}

export const config: DemoConfig = await (await fetch('/demo/config')).json();

/** The settings that point an element at the embedded fake Notiflows. */
export const fakeProject = () => ({
  apiKey: config.apiKey,
  apiUrl: new URL(config.apiUrl, location.href).href,
  channelId: config.channelId,
  vapidPublicKey: config.vapidPublicKey,
});

/**
 * A user key provider for `user`: your backend signs a short-lived RS256 key for the signed-in
 * user. Each call makes a new function, which an element takes to mean another user; elements
 * given the same one share a client (and a push subscriber).
 */
export const keyProvider = (user: string) => async () => {
  const response = await fetch(`/demo/user-key?user=${encodeURIComponent(user)}`);
  if (!response.ok) throw new Error(`user key: HTTP ${response.status}`);
  return response.text(); // the JWT as text/plain, as the server snippet of docs/guide/security.md answers
};

/** Points the nav's links, and on a switch this page's address, at `user`. */
function keep(user: string, address: boolean) {
  const search = `?user=${encodeURIComponent(user)}`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) a.search = search;
  if (!address) return;
  const url = new URL(location.href);
  url.searchParams.set('user', user);
  history.replaceState(null, '', url);
}

/**
 * Fills the user switch; `onSwitch` gets each user picked. Returns the user signed in now:
 * `?user=`, if the switch offers it (options already in it count), else the first user.
 */
export function userSwitch(select: HTMLSelectElement, onSwitch: (user: string) => void): string {
  const asked = new URLSearchParams(location.search).get('user');
  const offered = [...[...select.options].map((o) => o.value), ...config.users];
  const user = asked !== null && offered.includes(asked) ? asked : config.users[0];
  select.append(...config.users.map((u) => new Option(u, u, u === user, u === user)));
  keep(user, false);
  select.onchange = () => {
    keep(select.value, true);
    onSwitch(select.value);
  };
  return user;
}
