// React 19: the `@notiflows/web-push/react` wrapper, and the bare tag typed by
// `@notiflows/web-push/jsx`.
import {
  NotiflowsPreferences,
  NotiflowsPush,
  NotiflowsPushPrompt,
} from '@notiflows/web-push/react';
import type { CustomElements } from '@notiflows/web-push/jsx';
import type { NotiflowsPreferences as Element } from '@notiflows/web-push';
import { useRef } from 'react';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}

const getUserKey = async () => 'jwt';

export const Wrapper = () => (
  <NotiflowsPreferences
    apiKey="pk_live_example"
    userKeyProvider={getUserKey}
    channelTypes={['email', 'sms']}
    theme="dark"
    onNotiflowsSave={(e) => e.detail.keys.join()}
    onNotiflowsChange={(e) => e.detail.scope === 'global'}
    onNotiflowsError={(e) => e.detail.error.code}
    onNotiflowsPushChange={(e) => e.detail.state === 'subscribed'}
  />
);

export const PushWrappers = () => (
  <>
    <NotiflowsPush apiKey="pk_live_example" devices onNotiflowsPushChange={(e) => e.detail.state} />
    <NotiflowsPushPrompt
      apiKey="pk_live_example"
      placement="bottom"
      afterVisits={3}
      topics={['order-updates']}
      onNotiflowsPromptPermission={(e) => e.detail.permission === 'granted'}
      onNotiflowsPromptShow={() => undefined}
    />
  </>
);

export function BareTag() {
  const ref = useRef<Element>(null);
  return (
    <notiflows-preferences
      ref={ref}
      id="prefs"
      className="panel"
      api-key="pk_live_example"
      channel-id="0b8f4f52-6a4e-4a8e-9d52-2f0c2b1f7c11"
      channel-types="email,sms"
      theme="auto"
      userKeyProvider={getUserKey}
      strings={{ channel: { chat: 'Slack' } }}
      onnotiflows-load={(e) => Object.keys(e.detail.preferences.notiflows).length}
      onnotiflows-change={(e) => e.detail.key.startsWith('channel_types.')}
      onnotiflows-save={(e) => e.detail.keys.join()}
      onnotiflows-error={(e) => e.detail.error.requestId}
      onnotiflows-push-change={(e) => e.detail.state === 'subscribed'}
    />
  );
}

// Wrong code does not compile.
export const wrongWrapperDetail = (
  // @ts-expect-error keys are strings
  <NotiflowsPreferences onNotiflowsSave={(e) => e.detail.keys.toFixed()} />
);
export const wrongDetail = (
  // @ts-expect-error keys are strings
  <notiflows-preferences onnotiflows-save={(e) => e.detail.keys.toFixed()} />
);
// @ts-expect-error theme is 'light' | 'dark' | 'auto'
export const wrongTheme = <notiflows-preferences theme="blue" />;
// @ts-expect-error userKeyProvider returns a Promise<string>
export const wrongProvider = <notiflows-preferences userKeyProvider={() => 42} />;
// @ts-expect-error pushState is read-only: not a prop
export const readOnly = <notiflows-preferences pushState="subscribed" />;
// @ts-expect-error no such property (TypeScript lets any unknown name with a dash through)
export const typo = <notiflows-preferences userKeyProvder={getUserKey} />;
