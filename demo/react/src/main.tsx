// React 19 with @notiflows/web-push, two ways: the `@notiflows/web-push/react` wrapper (typed
// props and `onNotiflows*` event props) and the bare `<notiflows-preferences>` tag in JSX, typed
// by `@notiflows/web-push/jsx` (see notiflows-jsx.d.ts).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { NotiflowsPreferences } from '@notiflows/web-push/react'; // also defines the element
import type { NotiflowsEventMap } from '@notiflows/web-push';

/** What the demo server tells the page (a real site knows these at build time). */
interface DemoConfig {
  apiKey: string;
  apiUrl: string;
  channelId: string;
  vapidPublicKey: string;
}

const user = new URLSearchParams(location.search).get('user') ?? 'ada';

// Your backend signs a short-lived user key for the signed-in user. A module-level function
// is stable: a new function would mean a new signed-in user.
async function getUserKey(): Promise<string> {
  const response = await fetch(`/demo/user-key?user=${encodeURIComponent(user)}`);
  if (!response.ok) throw new Error(`user key: HTTP ${response.status}`);
  return response.text();
}

const saved = (e: NotiflowsEventMap['notiflows-save']) => `saved: ${e.detail.keys.join(', ')}`;

function App({ config }: { config: DemoConfig }) {
  const [wrapperStatus, setWrapperStatus] = useState('');
  const [tagStatus, setTagStatus] = useState('');
  return (
    <main>
      <h1>React 19</h1>
      <section id="wrapper">
        <h2>
          The wrapper: <code>@notiflows/web-push/react</code>
        </h2>
        <NotiflowsPreferences
          apiKey={config.apiKey}
          apiUrl={config.apiUrl}
          channelId={config.channelId}
          vapidPublicKey={config.vapidPublicKey}
          userKeyProvider={getUserKey}
          onNotiflowsSave={(e) => setWrapperStatus(`saved: ${e.detail.keys.join(', ')}`)}
          onNotiflowsError={(e) => setWrapperStatus(`error: ${e.detail.error.code}`)}
        />
        <p className="status" role="status">
          {wrapperStatus}
        </p>
      </section>
      <section id="tag">
        <h2>
          The bare tag: <code>&lt;notiflows-preferences&gt;</code>
        </h2>
        <notiflows-preferences
          api-key={config.apiKey}
          api-url={config.apiUrl}
          channel-types="email,sms"
          theme="light"
          userKeyProvider={getUserKey}
          onnotiflows-save={(e) => setTagStatus(saved(e))}
          onnotiflows-error={(e) => setTagStatus(`error: ${e.detail.error.code}`)}
        />
        <p className="status" role="status">
          {tagStatus}
        </p>
      </section>
    </main>
  );
}

const config = (await (await fetch('/demo/config')).json()) as DemoConfig;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
