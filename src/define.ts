// `@notiflows/web-push/define`: registers <notiflows-preferences>. Safe to import twice
// (or next to the script tag): an existing definition is kept.
import { NotiflowsPreferences } from './components/notiflows-preferences.js';

if (typeof customElements !== 'undefined' && !customElements.get('notiflows-preferences')) {
  customElements.define('notiflows-preferences', NotiflowsPreferences);
}

export { NotiflowsPreferences };
