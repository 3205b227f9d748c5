import type { TemplateResult } from 'lit/html.js';
import { html, render } from './template.js';
import type { PropertyDeclarations } from './element-base.js';
import { baseStyles } from './base.styles.js';
import { NotiflowsElement } from './notiflows-element.js';

/**
 * Web push for this browser on any page: its state, Enable / Turn off, the steps when it is
 * blocked or needs the Home Screen (iPhone), a test notification, and "Your devices" with
 * `devices`. No preferences, so a page with only this element loads a third of the panel.
 * Several elements and a `<notiflows-push-prompt>` configured alike share one subscriber.
 *
 * @summary Web push for this browser: the push card alone.
 *
 * @fires {CustomEvent<{ state: PushState; previous: PushState | undefined }>} notiflows-push-change - The push state changed (`previous` undefined: the first state, once checked).
 * @fires {CustomEvent<{ error: NotiflowsError }>} notiflows-error - Something failed.
 *
 * @csspart push - The card.
 * @csspart push-button - The enable / disable button.
 * @csspart push-test - "Send a test notification", once this browser is subscribed.
 * @csspart status - The live status line.
 * @csspart error - Error messages.
 * @csspart devices - The list of the user's browsers that receive notifications (with `devices`).
 * @csspart device - Each item of that list; this browser's item is also `current`.
 * @csspart current - This browser's item in the list.
 * @csspart device-remove - Every button that removes a device.
 *
 * @cssprop --notiflows-color-surface - Background (dark set: `--notiflows-dark-color-surface`, same for each colour).
 * @cssprop --notiflows-color-text - Text colour.
 * @cssprop --notiflows-color-muted - Secondary text.
 * @cssprop --notiflows-color-border - Lines and borders.
 * @cssprop --notiflows-color-primary - Buttons.
 * @cssprop --notiflows-color-on-primary - Text on primary.
 * @cssprop --notiflows-color-danger - Errors.
 * @cssprop --notiflows-radius - Corner radius.
 * @cssprop --notiflows-spacing - Base spacing.
 * @cssprop --notiflows-font - Font shorthand.
 * @cssprop --notiflows-focus-ring - Focus ring box-shadow.
 *
 * @example
 * ```html
 * <script type="module">import '@notiflows/web-push/push';</script>
 * <notiflows-push api-key="pk_live_…" channel-id="…" vapid-public-key="…" devices></notiflows-push>
 * <script>
 *   document.querySelector('notiflows-push').userKeyProvider = () =>
 *     fetch('/notiflows/user-key').then((r) => r.text());
 * </script>
 * ```
 */
export class NotiflowsPush extends NotiflowsElement {
  /** Themable through the `--notiflows-*` tokens and the parts above. */
  static override styles = baseStyles;

  /** Its own attribute; the rest are {@link NotiflowsElement}'s. */
  static override properties: PropertyDeclarations = { devices: { type: Boolean } };

  /** Show "Your devices": the user's browsers that receive notifications, with Remove. */
  devices = false;

  /** Our small renderer (the card needs no directive): a page with only this loads no lit-html. */
  protected override commit(result: unknown): void {
    render(result, this.renderRoot, { host: this });
  }

  protected override render(): TemplateResult {
    const error = this.ctl.configError;
    return html`${error ? html`<p part="error" role="alert">${this.errorText(error)}</p>` : this.renderPush(undefined, this.devices)}
    ${this.renderStatus()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notiflows-push': NotiflowsPush;
  }
}
