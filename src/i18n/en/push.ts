import type { PushHint, PushState } from '../../push/environment.js';
import { EN_FALLBACK } from '../fallback.js';
import type { Labels } from './labels.js';

/** The error codes the elements explain in words; any other code shows `other`. */
export type ShownErrorCode =
  | 'secret_key_in_browser'
  | 'invalid_config'
  | 'unauthenticated'
  | 'network_error'
  | 'service_worker_failed'
  | 'push_service_error'
  | 'other';

/**
 * What every element shows, and all that `<notiflows-push>` shows: the push card (its state
 * lines, buttons, help, test notification), errors, what the live region says and the
 * worker's fallback text. `{name}` placeholders are filled at render time.
 */
export const enPush = {
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
  disablePush: 'Turn off on this device',
  testPush: 'Send a test notification',
  testPushTitle: 'Test notification',
  testPushBody: 'Notifications from this site will look like this.',
  testPushSent: 'Test shown: this device can display notifications (this does not test delivery).',
  testPushChecklist:
    'Nothing appeared? Check Do Not Disturb or Focus, and notification settings for this browser and this site.',
  retry: 'Retry',
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

/** The push card's strings, every element's: what a locale must say for them. */
export type PushStrings = typeof enPush;
