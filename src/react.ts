/**
 * `@notiflows/web-push/react`: `<NotiflowsPreferences>` for React, made with `@lit/react`.
 * Props are the element's properties (objects and functions included, set as properties,
 * not attributes); events are typed props: `onNotiflowsSave={(e) => e.detail.keys}`.
 * Importing it defines the element.
 *
 * @example
 * import { NotiflowsPreferences } from '@notiflows/web-push/react';
 * <NotiflowsPreferences apiKey="pk_live_…" userKeyProvider={getUserKey} onNotiflowsSave={(e) => console.log(e.detail.keys)} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { NotiflowsPreferences as NotiflowsPreferencesElement } from './components/notiflows-preferences.js';
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
