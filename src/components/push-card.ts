import { html, nothing, type TemplateResult } from 'lit';
import type { NotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import { format, type Strings } from '../i18n/localize.js';
import type { Device } from '../push/devices.js';
import type { PushSubscriber } from '../push/push-subscriber.js';
import { DEVICES_SHOWN, type DevicesController } from './devices-controller.js';

/** What the push card shows and what its buttons call: the element passes it in. */
export interface PushCardView {
  push: PushSubscriber;
  /** This browser is being checked: its state is not known yet, so no state or button shows. */
  checking?: boolean;
  prefs?: Preferences;
  text: Strings;
  /** "Your devices", when shown. */
  devices?: DevicesController;
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
    ${s === 'subscribed' ? subscribedActions(v) : nothing}
    ${v.devices && s !== 'unsupported' && s !== 'ios-needs-install' ? devicesList(v, v.devices) : nothing}
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

function devicesList(v: PushCardView, d: DevicesController): TemplateResult {
  const { text } = v;
  return html`<div class="devices">
    <button
      type="button"
      class="link"
      aria-expanded=${d.open ? 'true' : 'false'}
      aria-controls="devices-panel"
      @click=${() => d.toggle()}
    >
      ${text.devicesHeading}
    </button>
    <div id="devices-panel" ?hidden=${!d.open}>${devicesBody(v, d)}</div>
  </div>`;
}

/** Loading or none yet or the list (the first few, then "Show all"); a load error with its Retry. */
function devicesBody(v: PushCardView, d: DevicesController): TemplateResult {
  const { text } = v;
  const error = d.error
    ? html`<p part="error" role="alert">
        ${v.errorText(d.error)}
        <button type="button" class="link" @click=${() => d.load()}>${text.retry}</button>
      </p>`
    : nothing;
  const list = d.devices;
  if (!list)
    return html`${d.loading ? html`<p class="muted">${text.devicesLoading}</p>` : nothing} ${error}`;
  if (!list.length)
    return html`${error}
      <p class="muted">${text.devicesNone}</p>`;
  const shown = d.showAll ? list : list.slice(0, DEVICES_SHOWN);
  return html`${error}
    <ul part="devices" aria-label=${text.devicesHeading}>
      ${shown.map((device) => deviceItem(v, d, device))}
    </ul>
    ${
      list.length > shown.length
        ? html`<button
            type="button"
            class="link"
            @click=${() => v.focusAfter(d.expand(), `[part~=devices] li:nth-child(${DEVICES_SHOWN + 1}) button`)}
          >
            ${format(text.devicesShowAll, { count: String(list.length) })}
          </button>`
        : nothing
    }`;
}

function deviceItem(v: PushCardView, d: DevicesController, device: Device): TemplateResult {
  const { text } = v;
  const date = formatDate(device.createdAt, v.locale);
  const confirming = d.confirming === device.identifier;
  return html`<li
    part=${device.current ? 'device current' : 'device'}
    data-device=${device.identifier}
  >
    <span
      ><span class="device-name">${device.name}</span>
      <span class="muted">${format(text.deviceAdded, { date })}</span></span
    >
    ${deviceAction(v, d, device, date, confirming)}
    ${confirming && d.removeError ? html`<p part="error" role="alert">${v.errorText(d.removeError)}</p>` : nothing}
  </li>`;
}

/** "This browser", or Remove, or (once asked) the confirmation with its Remove and Cancel. */
function deviceAction(
  v: PushCardView,
  d: DevicesController,
  device: Device,
  date: string,
  confirming: boolean,
): TemplateResult {
  const { text } = v;
  const item = `[data-device="${CSS.escape(device.identifier)}"]`;
  if (device.current) return html`<span class="badge">${text.deviceCurrent}</span>`;
  if (!confirming)
    return html`<button
      type="button"
      class="link"
      part="device-remove"
      aria-label=${format(text.deviceRemoveLabel, { device: device.name, date })}
      @click=${() => v.focusAfter(d.ask(device.identifier), `${item} .danger`)}
    >
      ${text.deviceRemove}
    </button>`;
  return html`<span class="confirm"
    >${format(text.deviceRemoveConfirm, { device: device.name })}
    <button
      type="button"
      class="button danger"
      part="device-remove"
      ?disabled=${d.removing === device.identifier}
      @click=${() => v.focusAfter(d.remove(device), '[aria-controls=devices-panel]', `${item} .danger`)}
    >
      ${d.removeError ? text.retry : text.deviceRemoveYes}
    </button>
    <button
      type="button"
      class="button secondary"
      @click=${() => v.focusAfter(d.ask(undefined), `${item} .link`)}
    >
      ${text.cancel}
    </button></span
  >`;
}

/** "3 Nov 2026" in the panel's language and region; an unknown tag falls back to the browser's. */
function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(date);
  }
}
