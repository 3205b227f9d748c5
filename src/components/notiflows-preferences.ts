import type { PropertyValues } from 'lit';
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
import type { NotiflowsError } from '../api/errors.js';
import { CHANNEL_TYPES, type NotiflowPreference, type Preferences } from '../api/types.js';
import { effectiveSwitch } from '../preferences/effective.js';
import { enabledKey, globalKey, overrideKey } from '../preferences/keys.js';
import { PreferencesStore, type SaveStatus } from '../preferences/preferences-store.js';
import { enPreferences, type PreferencesStrings } from '../i18n/en/preferences.js';
import { enPush, type PushStrings } from '../i18n/en/push.js';
import { format, label } from '../i18n/localize.js';
import { devMessage } from '../api/errors.js';
import {
  arrange,
  filterSections,
  layoutText,
  requiredIds,
  type ArrangedRow,
  type ArrangedSection,
  type PreferencesLayout,
} from '../preferences/layout.js';
import { FocusKeeper } from './focus-keeper.js';
import type { NotiflowsEvent } from './notiflows-controller.js';
import type { PropertyDeclarations } from './element-base.js';
import { commaList, NotiflowsElement } from './notiflows-element.js';
import { gridRow, type GridRowView, type GridSwitch } from './grid-row.js';
import { RovingGrid } from './roving-grid.js';
import type { NotiflowsChangeDetail } from './events.js';

export type { NotiflowsChangeDetail, NotiflowsEventMap } from './events.js';
import { styles } from './notiflows-preferences.styles.js';

/** Above this many notiflows shown, a filter box helps find one. */
const FILTER_FROM = 15;

/**
 * The signed-in user's notification preferences, and web push for this browser.
 *
 * @summary Notification preferences panel with a web push card.
 *
 * @fires {CustomEvent<{ preferences: Preferences }>} notiflows-load - Preferences loaded.
 * @fires {CustomEvent<NotiflowsChangeDetail>} notiflows-change - The user turned a switch (before saving).
 * @fires {CustomEvent<{ keys: SwitchKey[]; preferences: Preferences }>} notiflows-save - The server confirmed changes.
 * @fires {CustomEvent<{ error: NotiflowsError; keys?: SwitchKey[] }>} notiflows-error - Something failed.
 * @fires {CustomEvent<{ state: PushState; previous: PushState | undefined }>} notiflows-push-change - The push state changed (`previous` undefined: the first state, once checked).
 *
 * @csspart base - The panel.
 * @csspart push - The web push card.
 * @csspart push-button - The enable / disable button of the push card.
 * @csspart push-test - "Send a test notification", once this browser is subscribed.
 * @csspart section - Each section (channels, notifications).
 * @csspart row - Each notiflow row.
 * @csspart section-title - A section's title row in the grid (the site's layout).
 * @csspart section-description - A section's description.
 * @csspart notiflow-description - The line under a notiflow's name.
 * @csspart channel-description - The line under a channel type's name.
 * @csspart channel-why - The "why" line of a channel type.
 * @csspart filter - The filter box of a big project (above 15 notiflows).
 * @csspart pause - "Turn everything off", then "Turn back on".
 * @csspart paused - The note of a paused user: what still arrives.
 * @csspart switch - Each switch.
 * @csspart status - The live status line.
 * @csspart error - Error messages.
 * @csspart devices - The list of the user's browsers that receive notifications ("Your devices").
 * @csspart device - Each item of that list; this browser's item is also `current`.
 * @csspart current - This browser's item in the list.
 * @csspart device-remove - Every button that removes a device: the first click and the confirmation.
 *
 * @cssprop --notiflows-color-surface - Background (dark set: `--notiflows-dark-color-surface`, same for each colour).
 * @cssprop --notiflows-color-text - Text colour.
 * @cssprop --notiflows-color-muted - Secondary text.
 * @cssprop --notiflows-color-border - Lines and borders.
 * @cssprop --notiflows-color-primary - Switches on, buttons.
 * @cssprop --notiflows-color-on-primary - Text on primary.
 * @cssprop --notiflows-color-danger - Errors.
 * @cssprop --notiflows-color-success - "Saved".
 * @cssprop --notiflows-color-switch-off - Switches off.
 * @cssprop --notiflows-radius - Corner radius.
 * @cssprop --notiflows-spacing - Base spacing.
 * @cssprop --notiflows-font - Font shorthand.
 * @cssprop --notiflows-switch-width - Switch width.
 * @cssprop --notiflows-switch-height - Switch height.
 * @cssprop --notiflows-focus-ring - Focus ring box-shadow.
 *
 * @example
 * ```html
 * <script src="https://unpkg.com/@notiflows/web-push@0.1.0/dist/notiflows.iife.js"></script>
 * <notiflows-preferences api-key="pk_live_…" channel-id="…" vapid-public-key="…">
 *   Manage notifications in your account.
 * </notiflows-preferences>
 * <script>
 *   const panel = document.querySelector('notiflows-preferences');
 *   panel.userKeyProvider = () => fetch('/notiflows/user-key').then((r) => r.text());
 *   panel.addEventListener('notiflows-save', (e) => console.log('saved', e.detail.keys));
 * </script>
 * ```
 */
export class NotiflowsPreferences extends NotiflowsElement {
  /** The panel's styles; themable through the `--notiflows-*` tokens and the parts above. */
  static override styles = styles;

  /** @internal */
  protected static override Store = PreferencesStore;
  /** @internal */
  protected static override english = [enPush, enPreferences];
  /** Its strings: the push card's and the panel's. */
  protected override get text(): PushStrings & PreferencesStrings {
    return this.l10n.text;
  }

  /** Its own attributes; the rest are {@link NotiflowsElement}'s. */
  static override properties: PropertyDeclarations = {
    channelTypes: { attribute: 'channel-types', converter: commaList },
    layout: { attribute: false },
  };

  /** Comma-separated channel types to show (default: all the user has). */
  channelTypes?: string[];
  /**
   * Sections, descriptions, order, hidden and required notiflows ({@link PreferencesLayout});
   * without it, a `<script type="application/json">` child gives it (no inline JS, CSP-safe).
   */
  layout?: PreferencesLayout;
  /** Focus stays on what a switch turns across renders by place; buttons that go hand it on. */
  readonly #focus = new FocusKeeper(
    this,
    (s) => {
      const c = Number(s.dataset.c);
      return s.closest('table')
        ? `${this.#grid.ids[Number(s.dataset.r)]} ${this.#grid.columns[c - 1]}`
        : this.#shownTypes[c];
    },
    () => this.ctl.store?.loadState === 'loading',
  );
  readonly #gridKeys = new RovingGrid(this);
  readonly #channelKeys = new RovingGrid(this);

  /** The notiflows as the site lays them out, for the preferences of this update. */
  #arranged: ReturnType<typeof arrange> = { sections: [], unknown: [] };
  /** The site's layout for this update. */
  #layout?: PreferencesLayout;

  /**
   * Lays the preferences out before rendering: the sections, the layout's unknown references
   * (logged once each), and the required notiflows the store must refuse.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const store = this.ctl.store;
    if (store !== this.#turnedBy) this.#turned.clear(); // another user's panel now
    this.#turnedBy = store;
    const prefs = store?.view;
    if (!store || !prefs) return;
    const layout = (this.#layout = this.#siteLayout());
    this.#arranged = arrange(prefs, layout, this.l10n.lang);
    for (const ref of this.#arranged.unknown)
      this.logOnce(devMessage('layout_unknown', ref), 'warn');
    store.required.clear();
    for (const id of requiredIds(prefs, layout)) store.required.add(id);
  }

  /** Announces saves and failed writes, then as every element does. @internal */
  protected override onEvent(...event: NotiflowsEvent): void {
    const [type, detail] = event;
    if (type === 'notiflows-save') this.announce(this.text.saved);
    if (type === 'notiflows-error' && detail.keys)
      this.announce(detail.error.transient ? this.text.retrying : this.text.failed);
    super.onEvent(...event);
  }

  /** The preferences as shown (unsaved changes included). */
  get preferences(): Preferences | undefined {
    return this.ctl.store?.view;
  }

  /** Loads preferences again. */
  reload(): void {
    this.ctl.reload();
  }

  readonly #retryLoad = (): void => {
    this.#focus.reloading();
    this.reload();
  };

  /** The channel types of the channel switches as last rendered. */
  #shownTypes: string[] = [];
  /** The channel types whose own switch the user turned in this visit, in {@link #turnedBy}. */
  readonly #turned = new Set<string>();
  #turnedBy?: PreferencesStore;

  #toggle(detail: NotiflowsChangeDetail): void {
    const store = this.ctl.store;
    if (!store) return;
    if (detail.scope === 'global') this.#turned.add(detail.channelType!);
    this.onEvent('notiflows-change', detail);
    store.set(detail.key, detail.value);
    this.announce(this.text.saving);
  }

  #label(type: string): string {
    return label(this.text.channel, type) ?? type; // the type may be the server's
  }

  /**
   * Channel type `t`'s global switch, the `i`th of `count` in the channels row (one Tab stop),
   * described by the site's lines about it.
   */
  #channelSwitch(
    prefs: Preferences,
    t: string,
    i: number,
    count: number,
    describedBy?: string,
  ): TemplateResult {
    const on = prefs.channel_types[t] !== false;
    return html`<button
      type="button"
      role="switch"
      class="switch"
      part="switch"
      aria-checked=${on ? 'true' : 'false'}
      aria-label=${format(this.text.globalSwitch, { channel: this.#label(t) })}
      aria-describedby=${describedBy ?? nothing}
      data-r="0"
      data-c=${i}
      tabindex=${this.#channelKeys.tabIndex(0, i, 1, (_r, c) => c < count)}
      @click=${() =>
        this.#toggle({ key: globalKey(t), scope: 'global', channelType: t, value: !on })}
    >
      <span class="thumb"></span>
    </button>`;
  }

  /** The worst save state among a row's switches, with a Retry when it failed or waits. */
  #rowStatus(saves: (SaveStatus | undefined)[]): TemplateResult | typeof nothing {
    const statuses = saves.filter((s): s is SaveStatus => !!s);
    const worst = ['failed', 'retrying', 'saving', 'saved'].find((state) =>
      statuses.some((s) => s.state === state),
    );
    if (!worst) return nothing;
    const expired = statuses.some(
      (s) => s.state === 'failed' && s.error?.code === 'unauthenticated',
    );
    const text = expired
      ? this.text.error.unauthenticated
      : {
          failed: this.text.failed,
          retrying: this.text.retrying,
          saving: this.text.saving,
          saved: this.text.saved,
        }[worst]!;
    return html`<span class="row-status ${worst}"
      >${text}${
        worst === 'failed' || worst === 'retrying'
          ? html` <button type="button" class="link" @click=${() => this.ctl.store?.retry()}>
              ${this.text.retry}
            </button>`
          : nothing
      }</span
    >`;
  }

  /** lit-html renders the panel: its rows are a directive (grid-row.ts). */
  protected override commit(result: unknown): void {
    render(result, this.renderRoot, { host: this });
  }

  protected override render(): TemplateResult {
    const { configError, store, waiting } = this.ctl;
    return html`<div
      part="base"
      aria-busy=${waiting || store?.loadState === 'loading' ? 'true' : 'false'}
    >
      <h2>${this.text.title}</h2>
      ${configError ? html`<p part="error" role="alert">${this.errorText(configError)}</p>` : this.#renderBody()}
      ${this.renderStatus()}
    </div>`;
  }

  #renderBody(): TemplateResult | typeof nothing {
    const store = this.ctl.store;
    if (!store) return this.ctl.waiting ? this.#renderLoading() : nothing;
    const prefs = store.view;
    const body = prefs
      ? this.#renderPreferences(prefs)
      : store.loadState === 'error'
        ? this.#renderLoadError(store.loadError)
        : this.#renderLoading();
    return html`${this.renderPush(prefs, true)}${body}`;
  }

  #renderLoading(): TemplateResult {
    return html`<div class="skeleton" aria-hidden="true">
        <span></span><span></span><span></span>
      </div>
      <p class="visually-hidden">${this.text.loading}</p>`;
  }

  #renderLoadError(error?: NotiflowsError): TemplateResult {
    return html`<div part="error" role="alert">
      <p>${this.text.loadFailed} ${error ? this.errorText(error) : ''}</p>
      <button type="button" class="button" @click=${this.#retryLoad}>${this.text.retry}</button>
    </div>`;
  }

  /**
   * The channel types shown: those at least one notiflow uses, plus any whose global switch
   * is off (so it can always be turned back on; not while paused, which turned them all off)
   * or whose switch the user turned in this visit (so it does not vanish from under their
   * hand); `channel-types` narrows further.
   */
  #types(prefs: Preferences): string[] {
    const notiflows = Object.values(prefs.notiflows);
    const paused = this.ctl.store?.paused;
    const shown = (t: string) =>
      (prefs.channel_types[t] === false && !paused) ||
      notiflows.some((n) => t in n.channel_types) ||
      this.#turned.has(t);
    const known = CHANNEL_TYPES as readonly string[];
    const all = [
      ...known.filter((t) => t in prefs.channel_types),
      ...Object.keys(prefs.channel_types).filter((t) => !known.includes(t)),
    ].filter(shown);
    return this.channelTypes?.length ? all.filter((t) => this.channelTypes!.includes(t)) : all;
  }

  #renderPreferences(prefs: Preferences): TemplateResult {
    const types = (this.#shownTypes = this.#types(prefs));
    const { sections } = this.#arranged;
    const count = sections.reduce((n, sec) => n + sec.rows.length, 0);
    const filtering = count > FILTER_FROM;
    const shown = filtering
      ? filterSections(sections, this.#query, (id) => prefs.notiflows[id]!.name ?? id)
      : sections;
    return html`${this.#renderRefreshError()} ${this.#renderChannels(prefs, types)}
      <section part="section" aria-labelledby="notiflows-h">
        <h3 id="notiflows-h">${this.text.notiflowsHeading}</h3>
        ${filtering ? this.#renderFilter() : nothing}
        ${
          shown.length
            ? this.#renderGrid(prefs, types, sections, shown)
            : html`<p class="muted">
                ${count ? format(this.text.filterNone, { query: this.#query.trim() }) : this.text.empty}
              </p>`
        }
      </section>`;
  }

  /** What the filter box holds. */
  #query = '';
  #told?: ReturnType<typeof setTimeout>;

  /** Drops the filter's pending announcement. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#told);
  }

  /** The filter box of a big project: it narrows the grid as the user types. */
  #renderFilter(): TemplateResult {
    return html`<input
      type="search"
      class="filter"
      part="filter"
      aria-label=${this.text.filterLabel}
      placeholder=${this.text.filterLabel}
      .value=${this.#query}
      @input=${(e: Event) => {
        this.#query = (e.target as HTMLInputElement).value;
        this.requestUpdate();
        // How many match, said once the typing pauses, not at every key.
        clearTimeout(this.#told);
        this.#told = setTimeout(() => {
          const rows = this.renderRoot.querySelectorAll('tr[part~=row]').length;
          this.announce(format(this.text.filterCount, { count: String(rows) }));
        }, 600);
      }}
    />`;
  }

  /** A reload that failed while preferences show: they stay, with the error and a Retry. */
  #renderRefreshError(): TemplateResult | typeof nothing {
    const error = this.ctl.store?.loadError;
    if (!error) return nothing;
    return html`<p part="error" role="alert">
      ${this.text.loadFailed} ${this.errorText(error)}
      <button type="button" class="link" @click=${this.#retryLoad}>${this.text.retry}</button>
    </p>`;
  }

  /** The channel types' global switches (one group, one Tab stop), and "Turn everything off". */
  #renderChannels(prefs: Preferences, types: string[]): TemplateResult | typeof nothing {
    const pause = this.#renderPause(prefs);
    if (!types.length && pause === nothing) return nothing;
    return html`<section part="section" aria-labelledby="channels-h">
      <h3 id="channels-h">${this.text.channelsHeading}</h3>
      <p class="muted">${this.text.channelsHint}</p>
      ${pause} ${types.length ? this.#renderChannelGroup(prefs, types) : nothing}
    </section>`;
  }

  /** The channel switches: one group, one Tab stop, each with the site's lines about it. */
  #renderChannelGroup(prefs: Preferences, types: string[]): TemplateResult {
    const about = (t: string) => this.#layout?.channels?.[t];
    const lang = this.l10n.lang;
    return html`<div
      class=${types.some(about) ? 'channels described' : 'channels'}
      role="group"
      aria-labelledby="channels-h"
      @keydown=${this.#channelKeys.onKeydown}
      @focusin=${this.#channelKeys.onFocusin}
    >
      ${types.map((t, i) => {
        const description = layoutText(about(t)?.description, lang);
        const why = layoutText(about(t)?.why, lang);
        const label = html`<span aria-hidden="true">${this.#label(t)}</span>`;
        return html`<span class="channel">
          ${this.#channelSwitch(prefs, t, i, types.length, description || why ? `cd-${t}` : undefined)}
          ${
            description || why
              ? html`<span class="channel-text"
                  >${label}<span id="cd-${t}"
                    >${description ? html`<span class="description" part="channel-description">${description}</span>` : nothing}${why ? html`<span class="description" part="channel-why">${why}</span>` : nothing}</span
                  ></span
                >`
              : label
          }
          ${this.#rowStatus([this.ctl.store?.status.get(globalKey(t))])}</span
        >`;
      })}
    </div>`;
  }

  /**
   * "Turn everything off", or once paused, what still arrives and "Turn back on": one button
   * whose words change, so focus stays on it; the note describes it.
   */
  #renderPause(prefs: Preferences): TemplateResult | typeof nothing {
    const store = this.ctl.store;
    if (!store || !Object.keys(prefs.channel_types).length) return nothing;
    const paused = store.paused;
    const known = !!store.pausedTypes;
    return html`<div class="pause">
      ${paused ? html`<p class="notice" part="paused" id="paused">${this.#pausedNote(prefs)}</p>` : nothing}
      <button
        type="button"
        class=${paused ? 'button' : 'button secondary'}
        part="pause"
        aria-describedby=${paused ? 'paused' : nothing}
        @click=${() => {
          const resuming = store.paused;
          for (const t of resuming ? store.resume() : store.pause())
            this.onEvent('notiflows-change', {
              key: globalKey(t),
              scope: 'global',
              channelType: t,
              value: resuming,
            });
          this.announce(resuming || !store.view ? this.text.saving : this.#pausedNote(store.view));
        }}
      >
        ${paused ? (known ? this.text.resume : this.text.resumeAll) : this.text.pauseAll}
      </button>
    </div>`;
  }

  /**
   * What still arrives while paused: the required notiflows, hidden or not, by name; and when
   * this browser does not know what was on before, that it does not.
   */
  #pausedNote(prefs: Preferences): string {
    const required = requiredIds(prefs, this.#layout).map((id) => prefs.notiflows[id]!.name ?? id);
    const note = required.length
      ? format(this.text.pausedExcept, {
          notiflows: new Intl.ListFormat(this.l10n.lang).format(required),
        })
      : this.text.paused;
    return this.ctl.store?.pausedTypes ? note : `${note} ${this.text.pausedElsewhere}`;
  }

  /** Why a column is off (its channel type is off everywhere), each with "Turn it on". */
  #renderOffNotices(off: string[]): TemplateResult | typeof nothing {
    if (!off.length) return nothing;
    return html`<div class="notices">
      ${off.map(
        (t) =>
          html`<p class="notice" id="off-${t}">
            ${format(this.text.offBecauseChannel, { channel: this.#label(t) })}
            <button
              type="button"
              class="link"
              @click=${() => {
                this.#focus.turnedOn(t);
                this.#toggle({ key: globalKey(t), value: true, scope: 'global', channelType: t });
              }}
            >
              ${format(this.text.turnChannelOn, { channel: this.#label(t) })}
            </button>
          </p>`,
      )}
    </div>`;
  }

  /**
   * The grid of the `shown` sections; its columns are those of `all` of them, so a filter
   * never moves a column under the user's eyes.
   */
  #renderGrid(
    prefs: Preferences,
    types: string[],
    all: ArrangedSection[],
    sections: ArrangedSection[],
  ): TemplateResult {
    const rows = sections.flatMap((sec) => sec.rows);
    const notiflows = rows.map((row) => [row.id, prefs.notiflows[row.id]!] as const);
    const columns = types.filter((t) =>
      all.some((sec) => sec.rows.some((row) => t in prefs.notiflows[row.id]!.channel_types)),
    );
    const off = columns.filter((t) => prefs.channel_types[t] === false);
    // Paused, one note says why everything is off instead of one per column.
    const paused = !!this.ctl.store?.paused;
    const exists = (r: number, c: number) =>
      c === 0 || (c <= columns.length && columns[c - 1] in notiflows[r][1].channel_types);
    const [activeRow, activeCol] = this.#gridKeys.active(notiflows.length, exists);
    // What every row reads besides its own notiflow: a row renders again only when this, its
    // notiflow, its place, its Tab stop or its keys' save states change.
    const shared = `${columns.join()}|${off.join()}|${paused}`;
    const status = this.ctl.store?.status;
    const noSaves = Array<undefined>(columns.length + 1).fill(undefined);
    const labels = [this.text.allColumn, ...columns.map((t) => this.#label(t))];
    this.#grid = { ids: notiflows.map(([id]) => id), columns };
    // Section titles and rows side by side in one list: a template around each row would cost
    // 500 template instances in a big project (the bench's 1.5x rule).
    const items: unknown[] = [];
    notiflows.forEach(([id, n], r) => {
      const row = rows[r]!;
      const tab = r === activeRow ? activeCol : -1;
      // Save states of its switches (none yet: as many undefined, so inputs compare equal).
      const saves = status?.size
        ? [enabledKey(id), ...columns.map((t) => overrideKey(id, t))].map((k) => status.get(k))
        : noSaves;
      const heading = sections.find((sec) => sec.rows[0] === row);
      if (heading && (heading.title || sections.length > 1))
        items.push(this.#sectionRow(heading, columns.length + 2));
      items.push(
        gridRow(
          [
            this.text,
            shared,
            r,
            id,
            n.name,
            n.enabled,
            tab,
            row.description,
            row.required,
            ...columns.map((t) => n.channel_types[t]),
            ...saves,
          ],
          () => this.#rowView(prefs, row, n, r, columns, labels, tab, saves, paused),
        ),
      );
    });
    return html`${paused ? nothing : this.#renderOffNotices(off)}
      <table
        role="grid"
        aria-labelledby="notiflows-h"
        @keydown=${this.#gridKeys.onKeydown}
        @focusin=${this.#gridKeys.onFocusin}
        @click=${this.#onGridClick}
      >
        <thead>
          <tr role="row">
            <th role="columnheader" class="name">
              <span class="visually-hidden">${this.text.notiflowsHeading}</span>
            </th>
            <th role="columnheader">${this.text.allColumn}</th>
            ${columns.map((t) => html`<th role="columnheader">${this.#label(t)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${items}
        </tbody>
      </table>`;
  }

  /** A section's title and description, as a row of the grid spanning its columns. */
  #sectionRow(section: ArrangedSection, span: number): TemplateResult {
    return html`<tr role="row" class="section-row">
      <th role="rowheader" colspan=${span} part="section-title">
        <span class="section-title">${section.title ?? this.text.otherSection}</span>
        ${section.description ? html`<span class="description" part="section-description">${section.description}</span>` : nothing}
      </th>
    </tr>`;
  }

  /** The layout in force: the property, else the `<script type="application/json">` child. */
  #siteLayout(): PreferencesLayout | undefined {
    if (this.layout) return this.layout;
    const json = this.querySelector(':scope > script[type="application/json"]')?.textContent;
    if (json === this.#jsonText) return this.#jsonLayout;
    this.#jsonText = json;
    try {
      this.#jsonLayout = json ? (JSON.parse(json) as PreferencesLayout) : undefined;
    } catch {
      this.#jsonLayout = undefined;
      this.logOnce(devMessage('layout_json'), 'warn');
    }
    return this.#jsonLayout;
  }

  #jsonText?: string | null;
  #jsonLayout?: PreferencesLayout;
  /** The notiflows and columns of the grid as last rendered: what a click on `data-r`/`data-c` means. */
  #grid: { ids: string[]; columns: string[] } = { ids: [], columns: [] };

  /**
   * One listener for every switch of the grid (none per switch: 3,500 of them in a big
   * project). A switch turns to the opposite of what it shows; a disabled one does nothing.
   */
  readonly #onGridClick = (e: Event): void => {
    const sw = (e.target as Element).closest?.<HTMLElement>('[role=switch]');
    if (!sw || sw.getAttribute('aria-disabled') === 'true') return;
    const id = this.#grid.ids[Number(sw.dataset.r)];
    const t = this.#grid.columns[Number(sw.dataset.c) - 1];
    if (id === undefined) return;
    const value = sw.getAttribute('aria-checked') !== 'true';
    this.#toggle(
      t === undefined
        ? { key: enabledKey(id), scope: 'notiflow', notiflowId: id, value }
        : { key: overrideKey(id, t), scope: 'notiflow', notiflowId: id, channelType: t, value },
    );
  };

  /**
   * What one notiflow's row shows; `tab` is the column of its Tab stop (-1: none in this row);
   * `paused`: its switches off for the pause point to the pause's note.
   */
  #rowView(
    prefs: Preferences,
    { id, description, required }: ArrangedRow,
    n: NotiflowPreference,
    r: number,
    columns: string[],
    labels: string[],
    tab: number,
    saves: (SaveStatus | undefined)[],
    paused: boolean,
  ): GridRowView {
    const name = n.name ?? id;
    // A required notiflow shows on everywhere, its switches not operable, pointing to why.
    const cells: (GridSwitch | undefined)[] = [
      {
        on: required || n.enabled,
        label: format(this.text.masterSwitch, { notiflow: name }),
        describedBy: required ? `q-${id}` : undefined,
      },
    ];
    columns.forEach((t, i) => {
      if (!(t in n.channel_types)) return void cells.push(undefined);
      const eff = effectiveSwitch(prefs, id, t);
      cells.push({
        on: required || eff.on,
        label: format(this.text.rowSwitch, { notiflow: name, channel: labels[i + 1] }),
        describedBy: required
          ? `q-${id}`
          : eff.reason === 'channel_off'
            ? paused
              ? 'paused'
              : `off-${t}`
            : eff.reason === 'notiflow_off'
              ? `r-${id}`
              : undefined,
      });
    });
    const plain = n.enabled && !saves.some((s) => s) && !description && !required;
    return {
      r,
      name,
      tab,
      labels,
      cells,
      after: plain
        ? nothing
        : html`${description ? html`<span class="description" part="notiflow-description">${description}</span>` : nothing}
          ${required ? html`<span class="badge" aria-hidden="true">${this.text.alwaysOn}</span><span class="visually-hidden" id="q-${id}">${this.text.requiredNote}</span>` : nothing}
          ${this.#rowStatus(saves)}
          ${n.enabled || required ? nothing : html`<span class="visually-hidden" id="r-${id}">${this.text.offBecauseNotiflow}</span>`}`,
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'notiflows-preferences': NotiflowsPreferences;
  }
}
