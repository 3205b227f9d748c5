// Compiled by `npm run typecheck`, never run: the public events are typed for consumers.
import type { NotiflowsPreferences, PreferencesStore, PushSubscriber } from '../../src/index.js';
import { emit } from '../../src/internal/typed-events.js';
import type { PreferencesStoreEventMap } from '../../src/preferences/preferences-store.js';

declare const el: NotiflowsPreferences;
declare const store: PreferencesStore;
declare const push: PushSubscriber;

// On document (they bubble and are composed) and on the element.
document.addEventListener('notiflows-save', (e) => e.detail.keys.map((k) => k.length));
document.addEventListener('notiflows-error', (e) => e.detail.error.code);
el.addEventListener('notiflows-change', (e) => e.detail.value === true);
el.addEventListener('notiflows-push-change', (e) => e.detail.state === 'subscribed');
// Headless classes.
store.addEventListener('save', (e) => e.detail.preferences.channel_types);
store.addEventListener('error', (e) => e.detail.error.requestId);
push.addEventListener('change', (e) => e.detail.hint === 'other-account');
// A wrong detail does not compile.
emit<PreferencesStoreEventMap, 'save'>(store as unknown as EventTarget, 'save', {
  // @ts-expect-error keys must be SwitchKey[]
  keys: 1,
  preferences: store.view!,
});
// @ts-expect-error 'change' carries no detail
emit<PreferencesStoreEventMap, 'change'>(store as unknown as EventTarget, 'change', {});

// A switch key is checked: a misspelt one does not compile.
store.set('channel_types.sms', false);
store.set('notiflows.2d0a6b74.channel_types.email', true);
// @ts-expect-error a misspelt key
store.set('chanel_types.sms', false);
// `notiflows-change` narrows by scope: a global switch has a channel type, a notiflow's an id.
el.addEventListener('notiflows-change', ({ detail }) => {
  if (detail.scope === 'global') {
    const type: string = detail.channelType;
    // @ts-expect-error a global switch names no notiflow
    const id: string = detail.notiflowId;
    return [type, id];
  }
  const id: string = detail.notiflowId;
  return id;
});
