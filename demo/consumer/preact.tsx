/** @jsxImportSource preact */
// Preact: the bare tag typed by `@notiflows/web-push/jsx` (Preact listens to `notiflows-save`
// for `onnotiflows-save` and sets `userKeyProvider` as a property).
import type { CustomElements } from '@notiflows/web-push/jsx';

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends CustomElements {}
  }
}

const getUserKey = async () => 'jwt';

export const ok = (
  <notiflows-preferences
    api-key="pk_live_example"
    channel-types="email,sms"
    theme="dark"
    userKeyProvider={getUserKey}
    onnotiflows-save={(e) => e.detail.keys.join()}
    onnotiflows-error={(e) => e.detail.error.code}
    onnotiflows-push-change={(e) => e.detail.state === 'subscribed'}
  />
);

// Preact's own JSX types apply here (the pragma above): `class` is fine, React would refuse it.
export const preactJsx = <div class="panel" />;

export const wrongDetail = (
  // @ts-expect-error keys are strings
  <notiflows-preferences onnotiflows-save={(e) => e.detail.keys.toFixed()} />
);
// @ts-expect-error theme is 'light' | 'dark' | 'auto'
export const wrongTheme = <notiflows-preferences theme="blue" />;
