import type { NotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import type { PushState } from '../push/environment.js';
import type { SwitchKey } from '../preferences/keys.js';

/**
 * `notiflows-change`: the user turned a switch (before saving). `scope` says which kind:
 * a channel type's global switch, a notiflow's on/off switch, or one of its channel types.
 *
 * @example
 * panel.addEventListener('notiflows-change', ({ detail }) => {
 *   if (detail.scope === 'global') analytics.track('channel', detail.channelType, detail.value);
 *   else analytics.track('notiflow', detail.notiflowId, detail.channelType ?? 'enabled', detail.value);
 * });
 */
export type NotiflowsChangeDetail =
  | {
      scope: 'global';
      key: `channel_types.${string}`;
      value: boolean;
      channelType: string;
      notiflowId?: undefined;
    }
  | {
      scope: 'notiflow';
      key: Exclude<SwitchKey, `channel_types.${string}`>;
      value: boolean;
      notiflowId: string;
      /** The overridden channel type; undefined for the notiflow's on/off switch. */
      channelType?: string;
    };

/** The element's events; all bubble and are composed. Typed on elements and on `document`. */
export interface NotiflowsEventMap {
  'notiflows-load': CustomEvent<{ preferences: Preferences }>;
  'notiflows-change': CustomEvent<NotiflowsChangeDetail>;
  'notiflows-save': CustomEvent<{ keys: SwitchKey[]; preferences: Preferences }>;
  'notiflows-error': CustomEvent<{ error: NotiflowsError; keys?: SwitchKey[] }>;
  /** `previous` is undefined for the first state, once this browser has been checked. */
  'notiflows-push-change': CustomEvent<{ state: PushState; previous: PushState | undefined }>;
  /** `<notiflows-push-prompt>` appeared (its rules allowed it). */
  'notiflows-prompt-show': CustomEvent<undefined>;
  /** Its "Allow" was pressed: the browser's prompt follows (or, on iPhone, the install steps). */
  'notiflows-prompt-accept': CustomEvent<undefined>;
  /** Its "Not now" (or Escape) was pressed: snoozed for `snooze-days`. */
  'notiflows-prompt-dismiss': CustomEvent<undefined>;
  /** The browser's prompt was answered after an Allow (`default`: closed without an answer). */
  'notiflows-prompt-permission': CustomEvent<{ permission: NotificationPermission }>;
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
