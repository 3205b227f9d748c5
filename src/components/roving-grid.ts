import type { ReactiveControllerHost } from 'lit';

/**
 * The WAI-ARIA grid keyboard pattern with a roving tabindex: the whole grid is one Tab
 * stop; arrow keys move between cells (skipping empty ones), Home/End go to the first and
 * last cell of the row, Ctrl+Home/End to the first and last of the grid. Cells are the
 * elements with `data-r` and `data-c` inside the container; Space and Enter stay theirs
 * (the switches are buttons). One instance per grid; the channel row is a one-row grid.
 *
 * @example
 * class ChannelRow extends LitElement {
 *   types = ['email', 'sms', 'web_push'];
 *   readonly #keys = new RovingGrid(this);
 *   render() {
 *     const exists = (_r: number, c: number) => c < this.types.length;
 *     return html`<div role="group" @keydown=${this.#keys.onKeydown} @focusin=${this.#keys.onFocusin}>
 *       ${this.types.map((t, c) => html`<button data-r="0" data-c=${c} tabindex=${this.#keys.tabIndex(0, c, 1, exists)}>${t}</button>`)}
 *     </div>`;
 *   }
 * }
 */
export class RovingGrid {
  #row = 0;
  #col = 0;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /**
   * The tabindex of a cell. `exists(r, c)` says which cells the grid has: the active cell
   * falls back to the first cell of its row, then to the first row.
   */
  tabIndex(
    row: number,
    col: number,
    rows: number,
    exists: (r: number, c: number) => boolean,
  ): 0 | -1 {
    const [r, c] = this.active(rows, exists);
    return row === r && col === c ? 0 : -1;
  }

  /** The active cell, `[row, col]`: the one cell with tabindex 0 (computed once per render). */
  active(rows: number, exists: (r: number, c: number) => boolean): readonly [number, number] {
    const r = Math.min(this.#row, rows - 1);
    return [r, exists(r, this.#col) ? this.#col : 0];
  }

  /** Keydown on the grid container. */
  readonly onKeydown = (e: KeyboardEvent): void => {
    const from = (e.target as Element).closest?.('[data-r]') as HTMLElement | null;
    const grid = e.currentTarget as HTMLElement;
    if (!from) return;
    const cells = [...grid.querySelectorAll<HTMLElement>('[data-r][data-c]')];
    const at = (el: HTMLElement) => [Number(el.dataset.r), Number(el.dataset.c)] as const;
    const [r, c] = at(from);
    const inRow = (row: number) => cells.filter((el) => at(el)[0] === row);
    const nearest = (row: number) => {
      const candidates = inRow(row);
      return (
        candidates.find((el) => at(el)[1] === c) ??
        candidates.reduce<HTMLElement | undefined>(
          (best, el) => (!best || Math.abs(at(el)[1] - c) < Math.abs(at(best)[1] - c) ? el : best),
          undefined,
        )
      );
    };
    const rows = [...new Set(cells.map((el) => at(el)[0]))];
    const rowIndex = rows.indexOf(r);
    const row = inRow(r);
    const i = row.indexOf(from);
    const rtl = getComputedStyle(grid).direction === 'rtl';
    let to: HTMLElement | undefined;
    switch (e.key) {
      case 'ArrowRight':
        to = row[i + (rtl ? -1 : 1)];
        break;
      case 'ArrowLeft':
        to = row[i + (rtl ? 1 : -1)];
        break;
      case 'ArrowDown':
        to = rows[rowIndex + 1] === undefined ? undefined : nearest(rows[rowIndex + 1]);
        break;
      case 'ArrowUp':
        to = rows[rowIndex - 1] === undefined ? undefined : nearest(rows[rowIndex - 1]);
        break;
      case 'Home':
        to = e.ctrlKey ? cells[0] : row[0];
        break;
      case 'End':
        to = e.ctrlKey ? cells.at(-1) : row.at(-1);
        break;
      default:
        return;
    }
    e.preventDefault(); // the page must not scroll while moving inside the grid
    if (to) this.#move(to);
  };

  /** Focus within the grid (a click, or the Tab into it) makes that cell the active one. */
  readonly onFocusin = (e: FocusEvent): void => {
    const cell = (e.target as Element).closest?.('[data-r]') as HTMLElement | null;
    if (cell) this.#activate(cell);
  };

  #move(to: HTMLElement): void {
    this.#activate(to);
    to.focus();
  }

  #activate(cell: HTMLElement): void {
    this.#row = Number(cell.dataset.r);
    this.#col = Number(cell.dataset.c);
    // The next render moves the Tab stop (only rendering sets tabindex, so Lit's view of it stays true).
    this.#host.requestUpdate();
  }
}
