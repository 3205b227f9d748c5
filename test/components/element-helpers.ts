import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { NotiflowsPreferences } from '../../src/index.js';
import type { Project } from '../helpers.js';

export async function mount(
  project: Project,
  user = 'alice',
  extra: Partial<NotiflowsPreferences> = {},
) {
  const el = await fixture<NotiflowsPreferences>(
    html`<notiflows-preferences
      api-key=${project.apiKey}
      api-url=${project.apiUrl}
      user-key=${await project.sign(user)}
      locale="en"
    ></notiflows-preferences>`,
  );
  Object.assign(el, extra);
  return el;
}

export const ready = (el: NotiflowsPreferences) =>
  waitUntil(() => !!el.preferences && !!sw(el, '[role=switch]'), 'preferences did not render', {
    timeout: 10_000,
  });
export const sw = (el: Element, selector: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(selector);
export const switchNamed = (el: NotiflowsPreferences, name: string) => {
  const found = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role=switch]')].find(
    (s) => s.getAttribute('aria-label') === name,
  );
  if (!found) throw new Error(`no switch named ${name}`);
  return found;
};
export const checked = (s: HTMLElement) => s.getAttribute('aria-checked') === 'true';
export const text = (el: NotiflowsPreferences) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** An `about:srcdoc` frame showing `body` (a preview, an editor, a strict-CSP page), once loaded. */
export async function frameWith(body: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html>${body}`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return frame;
}
