import type { TemplateResult } from 'lit/html.js';
import { html, nothing } from './template.js';
import type { NotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import type { PushStrings } from '../i18n/en/push.js';
import type { PushSubscriber } from '../push/push-subscriber.js';

/** What the push card shows and what its buttons call: the element passes it in. */
export interface PushCardView {
  push: PushSubscriber;
  /** This browser is being checked: its state is not known yet, so no state or button shows. */
  checking?: boolean;
  prefs?: Preferences;
  text: PushStrings;
  /** "Your devices", when shown (not where this browser cannot push): its render. */
  devices?: (v: PushCardView) => TemplateResult | typeof nothing;
  /** BCP 47 tag for dates ("added 3 Nov 2026"). */
  locale: string;
  errorText(error: NotiflowsError): string;
  enable(): void;
  disable(): void;
  /** Shows a test notification (its button is there once subscribed). */
  test(): void;
  /** What the last test did: shown, or why not. */
  tested?: 'sent' | NotiflowsError;
  /** Runs `work`, then focuses `selector` (or `onError` if a removal failed) once the card re-rendered. */
  focusAfter(work: unknown, selector: string, onError?: string): void;
}

/** The web push card: this browser's state and its one button, then "Your devices". */
export function pushCard(v: PushCardView): TemplateResult {
  const { push, text } = v;
  const s = push.state;
  const canEnable = s === 'prompt' || s === 'unsubscribed' || s === 'error';
  if (v.checking)
    return html`<section part="push" aria-labelledby="push-h" aria-busy="true">
      <h3 id="push-h">${text.pushHeading}</h3>
      <p class="muted">${text.pushChecking}</p>
    </section>`;
  return html`<section part="push" aria-labelledby="push-h">
    <h3 id="push-h">${text.pushHeading}</h3>
    <p>${text.pushState[s]}</p>
    ${s === 'error' && push.error ? html`<p part="error" role="alert">${v.errorText(push.error)}</p>` : nothing}
    ${push.hint ? html`<p class="hint">${text.pushHint[push.hint]}</p>` : nothing}
    ${v.prefs?.channel_types.web_push === false ? html`<p class="hint">${text.pushAccountOff}</p>` : nothing}
    ${canEnable || s === 'subscribing' ? enableButton(v) : nothing}
    ${s === 'subscribed' ? subscribedActions(v) : nothing} ${v.devices ? v.devices(v) : nothing}
  </section>`;
}

/** Turn off, and the test notification with what it did (a checklist when nothing shows). */
function subscribedActions({
  text,
  disable,
  test,
  tested,
  errorText,
}: PushCardView): TemplateResult {
  return html`<button type="button" class="button secondary" part="push-button" @click=${disable}>
      ${text.disablePush}
    </button>
    <button type="button" class="link" part="push-test" @click=${test}>${text.testPush}</button>
    ${
      tested === 'sent'
        ? html`<p class="hint">${text.testPushSent} ${text.testPushChecklist}</p>`
        : tested
          ? html`<p part="error" role="alert">${errorText(tested)}</p>`
          : nothing
    }`;
}

function enableButton({ push, text, enable }: PushCardView): TemplateResult {
  const label = push.hint === 'other-account' ? text.takeOverPush : text.enablePush;
  return html`<button
    type="button"
    class="button"
    part="push-button"
    ?disabled=${push.state === 'subscribing'}
    @click=${enable}
  >
    ${label}
  </button>`;
}
