import type { PropertyValues } from 'lit';
import type { TemplateResult } from 'lit/html.js';
import { html, nothing } from './template.js';
import { ElementBase, type PropertyDeclarations } from './element-base.js';
import { adoptStyles } from './css.js';
import { NotiflowsError, toNotiflowsError } from '../api/errors.js';
import type { Preferences } from '../api/types.js';
import type { PushState } from '../push/environment.js';
import type { PushSubscriber } from '../push/push-subscriber.js';
import type { PreferencesStore } from '../preferences/preferences-store.js';
import { label, type DeepPartial, type Strings } from '../i18n/localize.js';
import { enPush, type PushStrings } from '../i18n/en/push.js';
import { LocalizeController } from './localize-controller.js';
import type { DevicesList } from './devices-list.js';
import { pushCard, type PushCardView } from './push-card.js';
import { lazy } from '../internal/lazy.js';
import {
  CONFIG_KEYS,
  NotiflowsController,
  type NotiflowsConfig,
  type NotiflowsEvent,
} from './notiflows-controller.js';

/** "Your devices" (its controller and render): loaded by the first render of a card with it. */
const loadDevices = lazy(() => import('./devices-list.js'), 'components/devices-list');

/** An attribute of comma-separated values (`channel-types="email, sms"`) as an array. */
export const commaList = {
  fromAttribute: (v: string | null) =>
    v
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
};

/**
 * What `<notiflows-preferences>` and `<notiflows-push>` share: the attributes that name the
 * project, the user, the channel and the worker, the language and theme, the push card and
 * its methods. Elements configured alike on one page share one client and one push
 * subscriber (one POST, one state). Not an element of its own.
 *
 * @example
 * // An element of this package: its own attributes, the shared ones from here.
 * class NotiflowsPushBadge extends NotiflowsElement {
 *   protected override render() {
 *     return html`${this.text.pushState[this.pushState ?? 'unsupported']}`;
 *   }
 *   protected override commit(result: unknown) {
 *     render(result, this.renderRoot, { host: this }); // ./template.ts or lit-html's
 *   }
 * }
 */
export abstract class NotiflowsElement extends ElementBase {
  /**
   * The reactive properties, declared without decorators (no decorator helper in the built
   * code, one object literal); the fields below carry their types and docs.
   */
  static override properties: PropertyDeclarations = {
    apiKey: { attribute: 'api-key' },
    project: {},
    userKey: { attribute: 'user-key' },
    userKeyProvider: { attribute: false },
    userId: { attribute: 'user-id' },
    channelId: { attribute: 'channel-id' },
    vapidPublicKey: { attribute: 'vapid-public-key' },
    apiUrl: { attribute: 'api-url' },
    serviceWorkerUrl: { attribute: 'sw-url' },
    serviceWorkerScope: { attribute: 'sw-scope' },
    locale: {},
    theme: { reflect: true },
    strings: { attribute: false },
    announcement: { state: true },
  };

  /** The preferences store class, for an element that shows preferences. @internal */
  protected static Store?: typeof PreferencesStore;

  /** Project public key `pk_…` (required). A secret key is refused: `secret_key_in_browser`. */
  apiKey?: string;
  /**
   * A stable name of your Notiflows project (its slug, say): set it and rotating `api-key`
   * keeps this user's queued changes and device. Never sent.
   */
  project?: string;
  /** RS256 JWT from your backend (`sub` = user external id). */
  userKey?: string;
  /**
   * Returns a fresh user key; called when none is set, when it expires within 60 s, and once
   * after a 401. Elements given the same function share one client.
   */
  userKeyProvider?: () => Promise<string>;
  /** Development mode only: sends `x-notiflows-user-id`. Ignored when a user key is set. */
  userId?: string;
  /** Web Push channel UUID; without it there is no push card. */
  channelId?: string;
  /** base64url VAPID public key of that channel. */
  vapidPublicKey?: string;
  /** Default `https://api.notiflows.com/user/v1`. */
  apiUrl?: string;
  /** Default `/notiflows-sw.js`. */
  serviceWorkerUrl?: string;
  /** Default `/notiflows-push/`. */
  serviceWorkerScope?: string;
  /** BCP 47 locale; default: the closest `lang`, then the browser's. */
  locale?: string;
  /** `light`, `dark` or `auto`. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Overrides of any string, e.g. `{ channel: { chat: 'Slack' } }`. */
  strings?: DeepPartial<Strings>;

  /** The parts of English it shows (src/i18n/en/): the push card's; an element adds its own. @internal */
  protected static english: readonly object[] = [enPush];
  /** @internal */
  protected readonly l10n = new LocalizeController(
    this,
    (this.constructor as typeof NotiflowsElement).english,
  );
  /** The strings to render, in the element's locale. */
  protected get text(): PushStrings {
    return this.l10n.text;
  }
  /** What the live region says (reactive state). @internal */
  protected announcement = '';

  #logged = new Set<string>();

  /** @internal */
  protected readonly ctl = new NotiflowsController(
    this,
    (...event) => this.onEvent(...event),
    (this.constructor as typeof NotiflowsElement).Store,
  );

  /** "Your devices", once loaded (by the first render of a card with it). @internal */
  protected deviceList?: DevicesList;
  /** Its module while it loads, or why it did not load (a Retry in its place). */
  #devices?: Promise<unknown> | NotiflowsError;

  /** Current push state of this browser; undefined until it has been checked (and without a channel). */
  get pushState(): PushState | undefined {
    return this.ctl.pushChecked ? this.ctl.push?.state : undefined;
  }

  /** Asks permission and registers this browser. Call it from a click. */
  enablePush(): Promise<PushState | undefined> {
    return this.ctl.push ? this.ctl.push.enable() : Promise.resolve(undefined);
  }

  /** Unregisters this browser: server first, then locally. */
  disablePush(): Promise<PushState | undefined> {
    return this.ctl.push ? this.ctl.push.disable() : Promise.resolve(undefined);
  }

  /**
   * For sign-out, mounted or not: sends this user's pending changes, then removes this
   * browser's subscription (server DELETE, local unsubscribe) and what IndexedDB holds
   * for its user. The same as the headless `logout()`.
   */
  async logout(): Promise<PushState | undefined> {
    await this.ctl.logout();
    return this.pushState;
  }

  /** A developer-facing line in the console, once per element and message. @internal */
  protected logOnce(message: string, level: 'error' | 'warn'): void {
    if (this.#logged.has(message)) return;
    this.#logged.add(message);
    console[level](`[notiflows] <${this.localName}>: ${message}`);
  }

  /** Every event of the controller, before it is dispatched on the element. @internal */
  protected onEvent(...event: NotiflowsEvent): void {
    const [type, detail] = event;
    if (type === 'notiflows-error') {
      const { error } = detail;
      // A site owner looks in the console first. Messages never contain a key or token.
      if (error.code === 'invalid_config' || error.code === 'secret_key_in_browser')
        this.logOnce(error.message, 'error');
    }
    if (type === 'notiflows-push-change') {
      this.#tested = undefined; // about the state before
      // A change after the first check is said: the button pressed may be gone with it.
      if (detail.previous) this.announce(this.text.pushState[detail.state]);
    }
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const textChanged = this.l10n.update(this.locale, this.strings);
    // The text carries the worker's fallback text (a locale loaded), so it configures too.
    if (CONFIG_KEYS.some((k) => changed.has(k)) || textChanged) {
      // Empty attributes count as unset.
      const config = Object.fromEntries(
        CONFIG_KEYS.map((k) => [k, this[k] || undefined]),
      ) as NotiflowsConfig;
      this.ctl.configure({
        ...config,
        fallback: this.l10n.loaded && {
          title: this.text.fallbackTitle,
          body: this.text.fallbackBody,
        },
      });
    }
  }

  /** @internal */
  protected announce(message: string): void {
    this.announcement = message;
  }

  /** @internal */
  protected errorText(error: NotiflowsError): string {
    return label(this.text.error, error.code) ?? this.text.error.other; // the code may be the server's
  }

  /** The live region every status is announced in. @internal */
  protected renderStatus(): TemplateResult {
    return html`<p part="status" class="visually-hidden" role="status" aria-live="polite">
      ${this.announcement}
    </p>`;
  }

  /** The push card, if there is a channel; "Your devices" only when `devices`. @internal */
  protected renderPush(
    prefs: Preferences | undefined,
    devices: boolean,
  ): TemplateResult | typeof nothing {
    const push = this.ctl.push;
    if (!push) return nothing;
    // "Your devices", not where this browser cannot push: it loads while the browser is checked.
    const shown = devices && push.supported;
    if (shown && !this.#devices) void this.#loadDevices();
    return pushCard({
      push,
      checking: !this.ctl.pushChecked,
      prefs,
      text: this.text,
      devices: shown ? (v) => this.#renderDevices(v) : undefined,
      errorText: (e) => this.errorText(e),
      locale: this.l10n.lang,
      enable: () => void this.enablePush(),
      disable: () => void this.disablePush(),
      test: () => void this.#testPush(push),
      tested: this.#tested,
      focusAfter: (work, selector, onError) => this.#focusAfter(work, selector, onError),
    });
  }

  /** "Your devices" once its code is here (loaded by renderPush); a failed load, with Retry. */
  #renderDevices(v: PushCardView): TemplateResult | typeof nothing {
    if (this.deviceList) return this.deviceList.render(v);
    return this.#devices instanceof NotiflowsError
      ? html`<p part="error" role="alert">
          ${this.errorText(this.#devices)}
          <button
            type="button"
            class="link"
            @click=${() => this.#devices instanceof NotiflowsError && this.#loadDevices()}
          >
            ${this.text.retry}
          </button>
        </p>`
      : nothing;
  }

  #loadDevices(): Promise<unknown> {
    return (this.#devices = loadDevices()
      .then(
        async ({ DevicesList, devicesStyles, enDevices }) => {
          await this.l10n.add(enDevices);
          adoptStyles(this.renderRoot, [devicesStyles]);
          this.deviceList = new DevicesList(
            this,
            () => this.ctl.push,
            () => this.l10n.text,
            (message) => this.announce(message),
          );
        },
        (error: NotiflowsError) => (this.#devices = error),
      )
      .finally(() => this.requestUpdate()));
  }

  /** What the last test notification did, shown under its button. */
  #tested?: 'sent' | NotiflowsError;

  async #testPush(push: PushSubscriber): Promise<void> {
    const { testPushTitle: title, testPushBody: body } = this.text;
    try {
      await push.showTestNotification({ title, body });
      this.#tested = 'sent';
      this.announce(this.text.testPushSent);
    } catch (error) {
      this.#tested = toNotiflowsError(error, 'push_service_error');
    }
    this.requestUpdate();
  }

  /** Keeps keyboard focus on what replaced the button just pressed (a removed item included). */
  async #focusAfter(work: unknown, selector: string, onError = selector): Promise<void> {
    await work;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(this.deviceList?.removeError ? onError : selector)
      ?.focus();
  }
}
