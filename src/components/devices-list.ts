// "Your devices" in the push card: its controller and its render, in a module of its own so
// that a page whose card does not show it (`<notiflows-push>` without `devices`, a browser
// that cannot push) never loads it. The element imports it dynamically on its first render.
import { css } from './css.js';
import type { ReactiveControllerHost } from 'lit';
import type { TemplateResult } from 'lit/html.js';
import { html, nothing } from './template.js';
import type { DevicesStrings } from '../i18n/en/devices.js';
import { format } from '../i18n/localize.js';
import type { Device } from '../push/devices.js';
import type { PushSubscriber } from '../push/push-subscriber.js';
import { DEVICES_SHOWN, DevicesController } from './devices-controller.js';
import type { PushCardView } from './push-card.js';

/** "Your devices" styles, added to the element's own once this module is loaded. */
export const devicesStyles = css`
  .devices {
    margin-top: var(--_space);
  }
  .devices ul {
    list-style: none;
    margin: calc(var(--_space) / 2) 0;
    padding: 0;
  }
  [part~='device'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2) 0;
    border-top: 1px solid var(--_line);
  }
  .device-name {
    font-weight: 500;
  }
  .confirm {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) / 2);
  }
  .button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-accent);
  }
  [part~='device'] [part~='error'] {
    flex-basis: 100%;
    margin: 0;
  }
`;

/** Its English, which the element adds to its own once this module is loaded. */
export { enDevices } from '../i18n/en/devices.js';

/**
 * "Your devices" for an element's push card: the {@link DevicesController} and its render,
 * in the element's text (`text`, with {@link enDevices} added); `announce` says a removal.
 *
 * @example
 * const devices = new DevicesList(host, () => push, () => text, (message) => announce(message));
 * html`${devices.render(pushCardView)}`;
 */
export class DevicesList extends DevicesController {
  readonly #text: () => DevicesStrings;

  constructor(
    host: ReactiveControllerHost,
    push: () => PushSubscriber | undefined,
    text: () => DevicesStrings,
    announce: (message: string) => void,
  ) {
    super(host, push, (device) => announce(format(text().deviceRemoved, { device: device.name })));
    this.#text = text;
  }

  /** The toggle and, once opened, the list. */
  render(v: PushCardView): TemplateResult {
    return devicesList(v, this, this.#text());
  }
}

/** The "Your devices" toggle and, once opened, its list. */
function devicesList(v: PushCardView, d: DevicesController, text: DevicesStrings): TemplateResult {
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
    <div id="devices-panel" ?hidden=${!d.open}>${devicesBody(v, d, text)}</div>
  </div>`;
}

/** Loading or none yet or the list (the first few, then "Show all"); a load error with its Retry. */
function devicesBody(v: PushCardView, d: DevicesController, text: DevicesStrings): TemplateResult {
  const error = d.error
    ? html`<p part="error" role="alert">
        ${v.errorText(d.error)}
        <button type="button" class="link" @click=${() => d.load()}>${v.text.retry}</button>
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
      ${shown.map((device) => deviceItem(v, d, device, text))}
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

function deviceItem(
  v: PushCardView,
  d: DevicesController,
  device: Device,
  text: DevicesStrings,
): TemplateResult {
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
    ${deviceAction(v, d, device, text, date, confirming)}
    ${confirming && d.removeError ? html`<p part="error" role="alert">${v.errorText(d.removeError)}</p>` : nothing}
  </li>`;
}

/** "This browser", or Remove, or (once asked) the confirmation with its Remove and Cancel. */
function deviceAction(
  v: PushCardView,
  d: DevicesController,
  device: Device,
  text: DevicesStrings,
  date: string,
  confirming: boolean,
): TemplateResult {
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
      ${d.removeError ? v.text.retry : text.deviceRemoveYes}
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
