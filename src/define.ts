// `@notiflows/web-push/define`: registers <notiflows-preferences>. Safe to import twice
// (or next to the script tag): an existing definition is kept. In a browser below the
// floor it defines nothing and logs one line instead of failing later.
import { NotiflowsPreferences } from './components/notiflows-preferences.js';
import { devMessage } from './api/errors.js';
import { missingFeatures } from './internal/supported.js';

if (typeof customElements !== 'undefined' && !customElements.get('notiflows-preferences')) {
  const missing = missingFeatures();
  if (missing.length) {
    console.warn(`[notiflows] ${devMessage('unsupported_browser', missing.join(', '))}`);
  } else {
    customElements.define('notiflows-preferences', NotiflowsPreferences);
  }
}

export { NotiflowsPreferences };
