// Compiled by `npm run typecheck`, never run: the React wrapper's props and events are typed.
import { NotiflowsPreferences } from '../../src/react.js';

export const ok = (
  <NotiflowsPreferences
    apiKey="pk_live_example"
    userKeyProvider={async () => 'jwt'}
    channelTypes={['email', 'sms']}
    theme="dark"
    onNotiflowsSave={(e) => e.detail.keys.join()}
    onNotiflowsError={(e) => e.detail.error.code}
    onNotiflowsPushChange={(e) => e.detail.state === 'subscribed'}
  />
);
export const wrongDetail = (
  // @ts-expect-error keys are SwitchKey[] (strings), not a number
  <NotiflowsPreferences onNotiflowsSave={(e) => e.detail.keys.toFixed()} />
);
// @ts-expect-error theme is 'light' | 'dark' | 'auto'
export const wrongTheme = <NotiflowsPreferences theme="blue" />;
