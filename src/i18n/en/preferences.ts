import type { KnownChannelType } from '../../api/types.js';
import type { Labels } from './labels.js';

/** The preferences panel, `<notiflows-preferences>` (beside its push card). */
export const enPreferences = {
  title: 'Notification preferences',
  channelsHeading: 'Channels',
  channelsHint: 'Turn a channel off to stop every notification on it.',
  notiflowsHeading: 'Notifications',
  allColumn: 'On',
  channel: {
    email: 'Email',
    sms: 'SMS',
    in_app: 'In-app',
    web_push: 'Browser push',
    mobile_push: 'Mobile push',
    chat: 'Chat',
  } satisfies Record<KnownChannelType, string> as Labels<KnownChannelType>,
  globalSwitch: '{channel} — all notifications',
  masterSwitch: '{notiflow} — all channels',
  rowSwitch: '{notiflow} — {channel}',
  offBecauseChannel: 'Off: {channel} is turned off for all notifications.',
  turnChannelOn: 'Turn {channel} on',
  offBecauseNotiflow: 'Off: this notification is turned off.',
  otherSection: 'Other notifications',
  alwaysOn: 'Always on',
  requiredNote: 'Always on: this notification is required, so it can’t be turned off.',
  filterLabel: 'Filter notifications',
  filterNone: 'No notifications match “{query}”.',
  filterCount: '{count} shown',
  pauseAll: 'Turn everything off',
  resume: 'Turn back on',
  resumeAll: 'Turn all back on',
  paused: 'Paused: no notifications reach you.',
  pausedExcept: 'Paused: only notifications that are always on still reach you ({notiflows}).',
  pausedElsewhere:
    'This browser doesn’t know which channels were on before: turn them all back on, or choose below.',
  loading: 'Loading preferences…',
  empty: 'There are no notifications to set up yet.',
  loadFailed: 'Couldn’t load your preferences.',
  saving: 'Saving…',
  saved: 'Saved',
  retrying: 'Not saved yet — will retry',
  failed: 'Couldn’t save',
};

/** The panel's strings: what a locale must say for it. */
export type PreferencesStrings = typeof enPreferences;
