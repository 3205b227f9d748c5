/**
 * `@notiflows/web-push/react`: `<NotiflowsPreferences>`, `<NotiflowsPush>` and
 * `<NotiflowsPushPrompt>` for React, made with `@lit/react`.
 * Props are the element's properties (objects and functions included, set as properties,
 * not attributes); events are typed props: `onNotiflowsSave={(e) => e.detail.keys}`.
 * Importing it defines the elements.
 *
 * @example
 * import { NotiflowsPreferences } from '@notiflows/web-push/react';
 * <NotiflowsPreferences apiKey="pk_live_…" userKeyProvider={getUserKey} onNotiflowsSave={(e) => console.log(e.detail.keys)} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { NotiflowsPreferences as NotiflowsPreferencesElement } from './components/notiflows-preferences.js';
import { NotiflowsPush as NotiflowsPushElement } from './components/notiflows-push.js';
import { NotiflowsPushPrompt as NotiflowsPushPromptElement } from './components/notiflows-push-prompt.js';
import type { NotiflowsEventMap } from './components/events.js';
import './define.js';

const event = <K extends keyof NotiflowsEventMap>(name: K) =>
  name as EventName<NotiflowsEventMap[K]>;

export const NotiflowsPreferences = createComponent({
  tagName: 'notiflows-preferences',
  elementClass: NotiflowsPreferencesElement,
  react: React,
  events: {
    onNotiflowsLoad: event('notiflows-load'),
    onNotiflowsChange: event('notiflows-change'),
    onNotiflowsSave: event('notiflows-save'),
    onNotiflowsError: event('notiflows-error'),
    onNotiflowsPushChange: event('notiflows-push-change'),
  },
  displayName: 'NotiflowsPreferences',
});

/** `<notiflows-push>`: the push card alone. */
export const NotiflowsPush = createComponent({
  tagName: 'notiflows-push',
  elementClass: NotiflowsPushElement,
  react: React,
  events: {
    onNotiflowsError: event('notiflows-error'),
    onNotiflowsPushChange: event('notiflows-push-change'),
  },
  displayName: 'NotiflowsPush',
});

/** `<notiflows-push-prompt>`: the soft prompt, with its funnel events. */
export const NotiflowsPushPrompt = createComponent({
  tagName: 'notiflows-push-prompt',
  elementClass: NotiflowsPushPromptElement,
  react: React,
  events: {
    onNotiflowsError: event('notiflows-error'),
    onNotiflowsPushChange: event('notiflows-push-change'),
    onNotiflowsPromptShow: event('notiflows-prompt-show'),
    onNotiflowsPromptAccept: event('notiflows-prompt-accept'),
    onNotiflowsPromptDismiss: event('notiflows-prompt-dismiss'),
    onNotiflowsPromptPermission: event('notiflows-prompt-permission'),
  },
  displayName: 'NotiflowsPushPrompt',
});
