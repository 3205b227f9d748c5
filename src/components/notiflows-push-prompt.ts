import { css } from './css.js';
import type { PropertyValues } from 'lit';
import type { TemplateResult } from 'lit/html.js';
import { html, nothing, render } from './template.js';
import { enPrompt, type PromptStrings } from '../i18n/en/prompt.js';
import { enPush, type PushStrings } from '../i18n/en/push.js';
import { promptRules } from '../push/prompt-memory.js';
import { baseStyles, surface } from './base.styles.js';
import type { PropertyDeclarations } from './element-base.js';
import { commaList, NotiflowsElement } from './notiflows-element.js';
import { PromptController } from './prompt-controller.js';

/**
 * A soft prompt that asks before the browser does, where push can work, notifications have
 * not been allowed or blocked, and this user has not turned them on here. Its rules are
 * remembered per user in this browser: from the `after-visits`th page view, `delay` seconds
 * in, at most `max-shows` times, and not for `snooze-days` after "Not now". "Allow" asks the
 * browser inside that click and subscribes in one step; on iPhone and iPad outside a Home
 * Screen app it shows the install steps instead. Non-modal: it never takes focus (and hands
 * it back to where it was when it closes under a keyboard user's hand), Escape is "Not now",
 * and its appearance is announced politely; the `open` attribute is present while
 * it shows, for a page that makes room for it. Shares the page's push subscriber
 * with `<notiflows-push>` and the panel when configured alike.
 *
 * @summary A soft push prompt with rules, topics and funnel events.
 *
 * @fires {CustomEvent<undefined>} notiflows-prompt-show - The prompt appeared.
 * @fires {CustomEvent<undefined>} notiflows-prompt-accept - "Allow" was pressed.
 * @fires {CustomEvent<undefined>} notiflows-prompt-dismiss - "Not now" (or Escape) was pressed.
 * @fires {CustomEvent<{ permission: NotificationPermission }>} notiflows-prompt-permission - The browser's prompt was answered.
 * @fires {CustomEvent<{ state: PushState; previous: PushState | undefined }>} notiflows-push-change - The push state changed (`previous` undefined: the first state, once checked).
 * @fires {CustomEvent<{ error: NotiflowsError }>} notiflows-error - Something failed.
 *
 * @csspart prompt - The prompt.
 * @csspart prompt-allow - Its "Allow" button.
 * @csspart prompt-dismiss - Its "Not now" button (or "Close" on the install steps).
 * @csspart topics - The topics to choose, with `topics`.
 * @csspart status - The live status line.
 *
 * @cssprop --notiflows-color-surface - Background (dark set: `--notiflows-dark-color-surface`, same for each colour).
 * @cssprop --notiflows-color-text - Text colour.
 * @cssprop --notiflows-color-border - Lines and borders.
 * @cssprop --notiflows-color-primary - Buttons.
 * @cssprop --notiflows-color-on-primary - Text on primary.
 * @cssprop --notiflows-radius - Corner radius.
 * @cssprop --notiflows-spacing - Base spacing.
 * @cssprop --notiflows-font - Font shorthand.
 * @cssprop --notiflows-focus-ring - Focus ring box-shadow.
 * @cssprop --notiflows-prompt-width - Its width at `top` and `bottom` (default 26rem).
 *
 * @example
 * ```html
 * <notiflows-push-prompt api-key="pk_live_…" channel-id="…" vapid-public-key="…"
 *   placement="bottom" after-visits="3" topics="order-updates-id,weekly-digest-id">
 * </notiflows-push-prompt>
 * ```
 */
export class NotiflowsPushPrompt extends NotiflowsElement {
  /** Themable through the `--notiflows-*` tokens and the parts above. */
  static override styles = [
    baseStyles,
    css`
      [part~='prompt'] {
        ${surface}
        padding: var(--_space);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.12);
      }
      :host([placement='top']) [part~='prompt'],
      :host([placement='bottom']) [part~='prompt'] {
        position: fixed;
        z-index: 2147483000;
        inset-inline: var(--_space);
        margin-inline: auto;
        max-inline-size: var(--notiflows-prompt-width, 26rem);
      }
      :host([placement='top']) [part~='prompt'] {
        top: var(--_space);
      }
      :host([placement='bottom']) [part~='prompt'] {
        bottom: var(--_space);
      }
      h2 {
        font-size: 1.05em;
      }
      fieldset {
        border: 0;
        margin: 0 0 var(--_space);
        padding: 0;
      }
      legend {
        padding: 0;
        margin-bottom: calc(var(--_space) / 3);
        font-weight: 500;
      }
      label {
        display: flex;
        gap: 0.5em;
        align-items: center;
        padding: 0.2em 0;
      }
      input {
        accent-color: var(--_accent);
        inline-size: 1.1em;
        block-size: 1.1em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) / 2);
      }
    `,
  ];

  /** @internal */
  protected static override english = [enPush, enPrompt];
  /** Its strings: the push card's and the prompt's. */
  protected override get text(): PushStrings & PromptStrings {
    return this.l10n.text;
  }

  /** Its own attributes; the rest are {@link NotiflowsElement}'s. */
  static override properties: PropertyDeclarations = {
    afterVisits: { attribute: 'after-visits', type: Number },
    delay: { type: Number },
    snoozeDays: { attribute: 'snooze-days', type: Number },
    maxShows: { attribute: 'max-shows', type: Number },
    placement: { reflect: true },
    topics: { converter: commaList },
  };

  /** Shown from this page view of the user on (2: never on the first). */
  afterVisits?: number;
  /** Seconds after the page loads before it shows (default 5). */
  delay?: number;
  /** Days "Not now" hides it for (default 7; 0: only this page view). */
  snoozeDays?: number;
  /** Times it may show in all (default 3). */
  maxShows?: number;
  /** `inline` (in the page's flow), `top` or `bottom` (fixed to the viewport, not modal). */
  placement: 'inline' | 'top' | 'bottom' = 'inline';
  /** Comma-separated notiflow ids the user may choose among (saved with one PUT once allowed). */
  topics?: string[];

  readonly #prompt = new PromptController(
    this,
    {
      session: () => this.ctl,
      rules: () =>
        promptRules({
          afterVisits: this.afterVisits,
          delayMs: this.delay === undefined ? undefined : this.delay * 1000,
          snoozeDays: this.snoozeDays,
          maxShows: this.maxShows,
        }),
      topics: () => this.topics ?? [],
    },
    (...event) => {
      if (event[0] === 'notiflows-prompt-show')
        this.announce(`${this.text.promptTitle} ${this.text.promptBody}`);
      this.onEvent(...event);
    },
  );

  /** The last element focused outside the prompt, through shadow roots: where focus goes back. */
  #returnFocus?: HTMLElement;
  /** A keyboard user's focus was in the prompt before this update. */
  #hadFocus = false;

  readonly #onFocusin = (e: FocusEvent): void => {
    const path = e.composedPath();
    if (!path.includes(this) && path[0] instanceof HTMLElement) this.#returnFocus = path[0];
  };

  /** Starts following focus on the page, from where it is now. */
  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('focusin', this.#onFocusin);
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active instanceof HTMLElement && active !== document.body) this.#returnFocus = active;
  }

  /** Stops following focus. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('focusin', this.#onFocusin);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Only a keyboard user's: a tap that sent focus to a text field would open a phone's keyboard.
    this.#hadFocus = !!this.shadowRoot?.activeElement?.matches(':focus-visible');
  }

  protected override updated(): void {
    const hidden = this.#prompt.phase === 'hidden';
    // For the page: `notiflows-push-prompt[open]` can make room for it (on a phone, say).
    this.toggleAttribute('open', !hidden);
    // Closed under a keyboard user's hand: focus goes back, not to the page's start.
    if (
      hidden &&
      this.#hadFocus &&
      !this.shadowRoot?.activeElement &&
      this.#returnFocus?.isConnected
    )
      this.#returnFocus.focus();
  }

  /** Our small renderer (the prompt needs no directive): a page with only this loads no lit-html. */
  protected override commit(result: unknown): void {
    render(result, this.renderRoot, { host: this });
  }

  protected override render(): TemplateResult {
    // One root template: the live region stays the same node, so its text is announced.
    return html`${this.#prompt.phase === 'hidden' ? nothing : this.#renderPrompt()}${this.renderStatus()}`;
  }

  #renderPrompt(): TemplateResult {
    const p = this.#prompt;
    const t = this.text;
    const install = p.phase === 'install';
    return html`<section
      part="prompt"
      aria-labelledby="prompt-h"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && p.dismiss()}
    >
      <h2 id="prompt-h">${t.promptTitle}</h2>
      <p>${install ? t.pushState['ios-needs-install'] : t.promptBody}</p>
      ${
        !install && p.topics.length
          ? html`<fieldset part="topics">
              <legend>${t.promptTopics}</legend>
              ${p.topics.map(
                (topic) =>
                  html`<label
                    ><input
                      type="checkbox"
                      .checked=${topic.on}
                      @change=${(e: Event) =>
                        p.choose(topic.id, (e.target as HTMLInputElement).checked)}
                    />
                    ${topic.name}</label
                  >`,
              )}
            </fieldset>`
          : nothing
      }
      <div class="actions">
        ${
          install
            ? nothing
            : html`<button
                type="button"
                class="button"
                part="prompt-allow"
                @click=${() => p.allow()}
              >
                ${t.promptAllow}
              </button>`
        }
        <button
          type="button"
          class="button secondary"
          part="prompt-dismiss"
          @click=${() => p.dismiss()}
        >
          ${install ? t.promptClose : t.promptNotNow}
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notiflows-push-prompt': NotiflowsPushPrompt;
  }
}
