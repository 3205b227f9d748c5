import type { KnownChannelType } from '../api/types.js';
import type { PushHint, PushState } from '../push/environment.js';
import { EN_FALLBACK } from './fallback.js';

// Each group is typed by its vocabulary, so a locale that misses a channel, a push state, a
// hint or an error code we show does not compile. Lookups by any other key fall back.
type Labels<K extends string> = Record<K, string> & { [other: string]: string | undefined };
/** The error codes the panel explains in words; any other code shows `other`. */
export type ShownErrorCode =
  | 'secret_key_in_browser'
  | 'invalid_config'
  | 'unauthenticated'
  | 'network_error'
  | 'service_worker_failed'
  | 'push_service_error'
  | 'other';

/** Every string the element shows. `{name}` placeholders are filled at render time. */
export const en = {
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
  retry: 'Retry',
  saving: 'Saving…',
  saved: 'Saved',
  retrying: 'Not saved yet — will retry',
  failed: 'Couldn’t save',
  pushHeading: 'Push notifications on this device',
  pushChecking: 'Checking this browser…',
  pushState: {
    unsupported: 'This browser can’t receive push notifications.',
    'ios-needs-install':
      'On iPhone and iPad, add this site to your Home Screen first: tap Share, then “Add to Home Screen”, and open it from there.',
    prompt: 'Get notifications on this device, even when this site is closed.',
    denied:
      'Notifications are blocked for this site. To allow them, open the site settings (the icon left of the address), set Notifications to Allow, then reload.',
    subscribing: 'Turning on…',
    subscribed: 'This browser is registered: notifications arrive here.',
    unsubscribed: 'This browser is not registered for notifications.',
    error: 'Couldn’t turn on notifications on this device.',
  } satisfies Record<PushState, string> as Record<PushState, string>,
  pushHint: {
    brave:
      'In Brave, turn on “Use Google services for push messaging” in brave://settings/privacy, then try again.',
    edge: 'On Windows, check that notifications are on in Settings › System › Notifications, then try again.',
    'quiet-prompt':
      'No prompt? Your browser may have hidden it: look for a bell icon in the address bar.',
    'other-account':
      'Notifications on this browser currently go to another account signed in here.',
    'removed-elsewhere':
      'This browser was removed from your devices on another device. Enable notifications to receive them here again.',
    slow: 'Still trying to reach your browser’s push service…',
  } satisfies Record<PushHint, string> as Record<PushHint, string>,
  pushAccountOff:
    'Browser push is turned off for your account (see Channels), so nothing will arrive here until you turn it on.',
  enablePush: 'Enable notifications',
  takeOverPush: 'Receive them on this account',
  devicesHeading: 'Your devices',
  devicesLoading: 'Loading your devices…',
  devicesNone: 'No browser receives your notifications.',
  devicesShowAll: 'Show all ({count})',
  deviceAdded: 'added {date}',
  deviceCurrent: 'This browser',
  deviceRemove: 'Remove',
  deviceRemoveLabel: 'Remove {device}, added {date}',
  deviceRemoveConfirm: 'Stop sending notifications to {device}?',
  deviceRemoveYes: 'Remove',
  deviceRemoved: '{device} removed: it gets no more notifications.',
  cancel: 'Cancel',
  disablePush: 'Turn off on this device',
  testPush: 'Send a test notification',
  testPushTitle: 'Test notification',
  testPushBody: 'Notifications from this site will look like this.',
  testPushSent: 'Test shown: this device can display notifications (this does not test delivery).',
  testPushChecklist:
    'Nothing appeared? Check Do Not Disturb or Focus, and notification settings for this browser and this site.',
  promptTitle: 'Turn on notifications?',
  promptBody:
    'Get updates on this device, even when this site is closed. You can turn them off any time.',
  promptAllow: 'Allow',
  promptNotNow: 'Not now',
  promptTopics: 'Notify me about',
  promptClose: 'Close',
  fallbackTitle: EN_FALLBACK.title,
  fallbackBody: EN_FALLBACK.body,
  error: {
    secret_key_in_browser:
      'Notifications are misconfigured on this page (a secret key was used). Please tell the site owner.',
    invalid_config: 'Notifications are misconfigured on this page. Please tell the site owner.',
    unauthenticated: 'Your session has expired. Reload the page to sign in again.',
    network_error: 'You seem to be offline.',
    service_worker_failed: 'The site’s notification service is not set up correctly.',
    push_service_error: 'The browser’s push service didn’t answer. Try again later.',
    other: 'Something went wrong.',
  } satisfies Record<ShownErrorCode, string> as Labels<ShownErrorCode>,
};

/** The shape of every locale: all the element's strings, grouped as in {@link en}. */
export type Strings = typeof en;
