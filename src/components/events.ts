import type { NotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import type { PushState } from '../push/environment.js';
import type { SwitchKey } from '../preferences/keys.js';

/** `notiflows-change`: the user turned a switch (before saving). */
export interface NotiflowsChangeDetail {
  key: SwitchKey;
  value: boolean;
  /** `global` for a channel-type switch, `notiflow` for a notiflow's switches. */
  scope: 'global' | 'notiflow';
  notiflowId?: string;
  channelType?: string;
}

/** The element's events; all bubble and are composed. Typed on elements and on `document`. */
export interface NotiflowsEventMap {
  'notiflows-load': CustomEvent<{ preferences: Preferences }>;
  'notiflows-change': CustomEvent<NotiflowsChangeDetail>;
  'notiflows-save': CustomEvent<{ keys: SwitchKey[]; preferences: Preferences }>;
  'notiflows-error': CustomEvent<{ error: NotiflowsError; keys?: SwitchKey[] }>;
  'notiflows-push-change': CustomEvent<{ state: PushState; previous: PushState }>;
}

/** The `detail` of one of the element's events. */
export type NotiflowsDetail<K extends keyof NotiflowsEventMap> = NotiflowsEventMap[K]['detail'];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends NotiflowsEventMap {}
  // document.addEventListener('notiflows-save', (e) => e.detail.keys) compiles too (they bubble and are composed).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends NotiflowsEventMap {}
}
