import { devMessage } from '../api/errors.js';
import { missingFeatures } from '../internal/supported.js';
import type { ElementBase } from './element-base.js';

let warned = false;

/**
 * Registers an element of ours under its name. Safe to call twice (or next to the script
 * tag): an existing definition is kept. In a browser below the floor it defines nothing and
 * logs one line for the page, rather than failing later. Where there is no registry (Node
 * without a DOM shim) its properties still become accessors, so the React wrapper sets them as
 * properties on the server too, not as attributes in the page's HTML (a user key among them).
 */
export function defineElement(
  name: string,
  element: CustomElementConstructor & typeof ElementBase,
): void {
  element.finalize();
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  const missing = missingFeatures();
  if (!missing.length) return customElements.define(name, element);
  if (!warned) console.warn(`[notiflows] ${devMessage('unsupported_browser', missing.join(', '))}`);
  warned = true;
}
