import type { ReactiveControllerHost } from 'lit';
import { devMessage } from '../api/errors.js';
import {
  englishOf,
  mergeStrings,
  resolveLocale,
  wantedLocale,
  type DeepPartial,
  type Strings,
} from '../i18n/localize.js';
import { lazy } from '../internal/lazy.js';

/** What fetches and unpacks fr/de/es: loaded the first time a page asks for one of them. */
const loadLocale = lazy(() => import('../i18n/load-strings.js'), 'i18n/load-strings');

/**
 * An element's text in its locale, as Shoelace's LocalizeController keeps it: the element's
 * parts of English (src/i18n/en/) at once, another locale's once loaded (the latest request
 * wins), the site's overrides merged over it. A locale that fails to load (its file or the
 * loader not deployed, offline, a file of another version) leaves English, with one warning.
 * The element reads `text` and `lang` and calls {@link update} before it renders (from
 * `willUpdate`, as what it configures depends on the text); no lifecycle hook needed.
 *
 * @example
 * class Panel extends LitElement {
 *   readonly #l10n = new LocalizeController(this, [enPush, enPreferences]);
 *   protected override willUpdate() {
 *     this.#l10n.update(this.locale, this.strings);
 *   }
 *   protected override render() {
 *     return html`<h2>${this.#l10n.text.title}</h2>`;
 *   }
 * }
 */
export class LocalizeController {
  /** The strings to render: the locale's (English until it loads) with the overrides merged over. */
  text: Strings;
  /** The locale's own strings, once loaded: until then the worker's stored fallback text is left as it is. */
  loaded?: Strings;
  readonly #host: ReactiveControllerHost & Element;
  #parts: readonly object[];
  #requested?: string | null = null; // null: nothing requested yet
  #strings?: DeepPartial<Strings>;
  #seq = 0;
  #stale = false;

  /** `parts`: the parts of English the host shows (src/i18n/en/), all a locale loads. */
  constructor(host: ReactiveControllerHost & Element, parts: readonly object[]) {
    this.#host = host;
    this.#parts = parts;
    this.text = englishOf(parts);
  }

  /** The locale the page asks for (the element's, the closest `lang`, the browser's): for dates. */
  get lang(): string {
    return wantedLocale(this.#requested ?? undefined, this.#host);
  }

  /**
   * Takes the requested locale and overrides: loads a locale that changed, and merges the
   * text again when the overrides changed or a locale arrived. True when `text` changed.
   */
  update(requested: string | undefined, strings: DeepPartial<Strings> | undefined): boolean {
    if (requested !== this.#requested) {
      this.#requested = requested;
      void this.#load(requested);
    }
    if (!this.#stale && strings === this.#strings) return false;
    this.#stale = false;
    this.#strings = strings;
    this.text = mergeStrings(this.loaded ?? englishOf(this.#parts), strings);
    return true;
  }

  /**
   * Adds a part of English loaded later ("Your devices"): resolves once `text` can have the
   * locale's strings of it too (its file, imported already, is not fetched again).
   */
  add(part: object): Promise<void> {
    this.#parts = [...this.#parts, part];
    return this.#load(this.#requested ?? undefined);
  }

  async #load(requested: string | undefined): Promise<void> {
    const seq = ++this.#seq;
    const locale = resolveLocale(requested, this.#host);
    // English is in the bundle: taken at once, without the loader or a wait.
    const strings = locale === 'en' ? englishOf(this.#parts) : await this.#fetch(locale);
    if (seq !== this.#seq) return; // a later request wins
    this.loaded = strings;
    this.#stale = true;
    this.#host.requestUpdate();
  }

  /** Another locale's strings of the parts; English, with one warning, when they cannot load. */
  #fetch(locale: string): Promise<Strings> {
    return loadLocale()
      .then((loader) => loader.loadStrings(locale, this.#parts))
      .catch((error: unknown) => {
        console.warn(`[notiflows] ${devMessage('locale', locale)}`, error);
        return englishOf(this.#parts);
      });
  }
}
