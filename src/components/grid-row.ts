import { html, noChange, nothing, render } from 'lit/html.js';
import { Directive, directive, type ChildPart } from 'lit/directive.js';

/** A switch in the grid. */
export interface GridSwitch {
  on: boolean;
  /** Its accessible name. */
  label: string;
  /** Set when it cannot be turned (`aria-disabled`): the id of the text that says why. */
  describedBy?: string;
}

/** Everything one notiflow's row shows. */
export interface GridRowView {
  /** Its index in the grid (`data-r`). */
  r: number;
  name: string;
  /** The column of the grid's one Tab stop when it is in this row, else -1. */
  tab: number;
  /** The visible label of each column (shown in the narrow layout): "On", then each channel type's. */
  labels: readonly string[];
  /** One per column: the switch, or undefined where the notiflow does not use that channel type. */
  cells: readonly (GridSwitch | undefined)[];
  /**
   * What follows the name in the rowheader, a Lit value: the row's save state, and when the
   * notiflow is off the hidden text its channels' switches point to (`describedBy`).
   */
  after: unknown;
}

/**
 * An empty row of one layout (which columns have a switch, and their labels): every row of
 * that layout is a clone of it. A switch in it is on, with tabindex -1.
 */
function emptyRow({ labels, cells }: GridRowView): HTMLTableRowElement {
  const box = document.createElement('tbody');
  render(
    html`<tr part="row" role="row">
      <th role="rowheader"><span class="name"></span></th>
      ${cells.map((s, c) =>
        s
          ? html`<td role="gridcell">
              <span class="cell-label" aria-hidden="true">${labels[c]}</span
              ><button
                type="button"
                role="switch"
                class="switch"
                part="switch"
                aria-checked="true"
                data-c=${c}
                tabindex="-1"
              >
                <span class="thumb"></span>
              </button>
            </td>`
          : html`<td role="gridcell" class="none"><span aria-hidden="true">—</span></td>`,
      )}
    </tr>`,
    box,
  );
  // Without Lit's markers, a clone of it is a plain row.
  const markers = document.createNodeIterator(box, NodeFilter.SHOW_COMMENT);
  for (let m = markers.nextNode(); m; m = markers.nextNode()) (m as Comment).remove();
  return box.firstElementChild as HTMLTableRowElement;
}

const emptyRows = new Map<string, HTMLTableRowElement>(); // a few layouts: columns × locale

/** Writes an attribute only when it changes (undefined removes it): a row writes only what changed. */
const set = (e: Element, name: string, value?: string) => {
  if (value === undefined) e.removeAttribute(name);
  else if (e.getAttribute(name) !== value) e.setAttribute(name, value);
};

/**
 * One row of the preferences grid as a row component: the same DOM a template gave
 * (`tr[part=row]`, a rowheader, a gridcell per column with its label and `role=switch`
 * button), built by cloning an empty row of its layout, then written where it differs from
 * the view. `inputs` are everything the row depends on: when none changed, the view is not
 * even built (as `guard` does), so a change re-renders its own row only. Rows go by place
 * (a plain `map`, not `repeat`: 0.8 kB less, and as fast at 500 rows); a row given another
 * notiflow is rewritten like any other change, and the element moves focus after it.
 * Clicks are the grid's (`data-r`, `data-c`).
 */
class GridRowDirective extends Directive {
  #inputs: readonly unknown[] = [];
  #layout = '';
  #tr?: HTMLTableRowElement;
  #after: unknown = nothing;

  /** Nothing outside a browser: the row is built from DOM in `update`. */
  render(_inputs: readonly unknown[], _view: () => GridRowView): unknown {
    return nothing;
  }

  /** The row, built the first time (or when its layout changed), then written where it changed. */
  override update(
    _part: ChildPart,
    [inputs, view]: [readonly unknown[], () => GridRowView],
  ): unknown {
    if (
      this.#tr &&
      inputs.length === this.#inputs.length &&
      inputs.every((x, i) => x === this.#inputs[i])
    )
      return noChange;
    this.#inputs = inputs;
    const v = view();
    const layout = `${v.cells.map((s) => (s ? 1 : 0)).join('')}\n${v.labels.join('\n')}`;
    if (layout !== this.#layout) {
      let empty = emptyRows.get(layout);
      if (!empty) {
        if (emptyRows.size > 7) emptyRows.clear();
        emptyRows.set(layout, (empty = emptyRow(v)));
      }
      this.#tr = empty.cloneNode(true) as HTMLTableRowElement;
      this.#layout = layout;
      this.#after = nothing;
    }
    const th = this.#tr!.firstElementChild as HTMLElement;
    const name = th.firstElementChild!;
    if (name.textContent !== v.name) name.textContent = v.name;
    let td = th.nextElementSibling;
    v.cells.forEach((s, c) => {
      const b = td!.lastElementChild!;
      td = td!.nextElementSibling;
      if (!s) return;
      set(b, 'aria-checked', `${s.on}`);
      set(b, 'aria-label', s.label);
      set(b, 'aria-disabled', s.describedBy && 'true');
      set(b, 'aria-describedby', s.describedBy);
      set(b, 'data-r', `${v.r}`);
      set(b, 'tabindex', v.tab === c ? '0' : '-1');
    });
    // What follows the name (the save state with its Retry, the hidden "off" text) is Lit's.
    if (v.after !== this.#after) render(v.after, th);
    this.#after = v.after;
    return this.#tr;
  }
}

/**
 * A row of the preferences grid (see {@link GridRowView}): `inputs`, what it depends on;
 * `view`, what it shows, built only when an input changed.
 */
export const gridRow = directive(GridRowDirective);
