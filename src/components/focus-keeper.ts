import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The element a {@link FocusKeeper} serves, with the shadow root it renders into. */
export interface FocusKeeperHost extends ReactiveControllerHost {
  readonly shadowRoot: ShadowRoot | null;
}

/**
 * Keeps keyboard focus where the user expects it while the panel renders by place (rows and
 * channel switches are reused, not keyed): when the list under a focused switch changes (a
 * broadcast, a refresh), focus goes back to the switch that turns the same thing; a button
 * that goes away (a row's Retry) hands focus to its row's first switch; "Turn Email on" to
 * the Email switch, even when its place now holds another notice's button; a load error's
 * Retry to the panel's first Tab stop once the preferences show.
 *
 * @example
 * readonly #focus = new FocusKeeper(this, (s) => s.dataset.key, () => this.loading);
 * // in a click handler: this.#focus.turnedOn('email'), or this.#focus.reloading()
 */
export class FocusKeeper implements ReactiveController {
  readonly #host: FocusKeeperHost;
  readonly #keyOf: (s: HTMLElement) => string | undefined;
  readonly #loading: () => boolean;
  /** What the switch focused before this render (or the first of the row of what was) turns. */
  #focused?: string;
  #turnedOn?: string;
  #reloading = false;

  /**
   * @param keyOf What a switch turns, the same across renders (a notiflow and column, or a
   *   channel type).
   * @param loading Whether the preferences are still loading (a skeleton shows).
   */
  constructor(
    host: FocusKeeperHost,
    keyOf: (s: HTMLElement) => string | undefined,
    loading: () => boolean,
  ) {
    this.#host = host;
    this.#keyOf = keyOf;
    this.#loading = loading;
    host.addController(this);
  }

  /** A channel type's notice button turned `key` on: focus goes to its switch (the button goes). */
  turnedOn(key: string): void {
    this.#turnedOn = key;
  }

  /** A load error's Retry was pressed: focus goes to what replaces it. */
  reloading(): void {
    this.#reloading = true;
  }

  /** Before a render: notes what the focused switch (or its row's first switch) turns. */
  hostUpdate(): void {
    const active = this.#host.shadowRoot?.activeElement;
    this.#focused =
      this.#switchKey(active) ??
      this.#switchKey(active?.closest('tr, .channel')?.querySelector('[role=switch]'));
  }

  /** After a render: puts focus back on that, or on what replaced a button that went. */
  hostUpdated(): void {
    const root = this.#host.shadowRoot!;
    if (this.#reloading) {
      // The Retry went with its error: focus the panel's first Tab stop, or the next error's
      // Retry, once the load is over (a skeleton shows in between); with neither, nothing.
      const next = root.querySelector<HTMLElement>(
        '[part~=base] > [part~=error] button, [role=switch][tabindex="0"]',
      );
      if (!next && this.#loading()) return;
      this.#reloading = false;
      return next?.focus();
    }
    const active = root.activeElement;
    const want = this.#turnedOn ?? (active && !this.#switchKey(active) ? undefined : this.#focused);
    this.#turnedOn = undefined;
    if (!want || this.#switchKey(active) === want) return;
    for (const s of root.querySelectorAll<HTMLElement>('[role=switch]'))
      if (this.#switchKey(s) === want) return s.focus();
  }

  #switchKey(s?: Element | null): string | undefined {
    return s instanceof HTMLElement && s.getAttribute('role') === 'switch'
      ? this.#keyOf(s)
      : undefined;
  }
}
