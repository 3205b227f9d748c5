// The page side of `npm run bench`'s big-project case (scripts/bench.mjs drives it):
// - the element's first render of the project's preferences: from the moment they arrive
//   (`notiflows-load`) to `updateComplete`, then with the style and layout that follow;
// - the plain-DOM floor: the same DOM (same elements, attributes, labels and text, checked
//   below) built with createElement/setAttribute/append into a shadow root with the
//   element's own styles, in the same page and run;
// - with a layout (sections, descriptions, required and hidden notiflows): the same first
//   render, then typing a query into the filter box and clearing it, against the floor's own
//   filter box rebuilding its tbody of the matching rows;
// - a toggle: what it mutates outside its row (a MutationObserver on the shadow root), and
//   how long its re-render takes.
// The English strings the element shows, and its row order and filter's matching (the page
// runs on vite's dev server, which serves TS); the floor's DOM is written by hand.
import { en as EN } from '../src/i18n/en.ts';
import { arrange, filterSections } from '../src/preferences/layout.ts';

const { NotiflowsPreferences } = window.Notiflows;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const KNOWN = ['email', 'sms', 'in_app', 'web_push', 'mobile_push', 'chat'];

const stage = () => {
  const div = document.createElement('div');
  div.className = 'stage';
  document.body.append(div);
  return div;
};

const settle = async () => {
  window.gc?.(); // Chromium: --expose-gc
  await sleep(50);
};

// The element says how many rows match 600 ms after typing stops: that render is let land
// before anything else is measured.
const ANNOUNCED = 650;

/** Times `act` (resolving once rendered), then with the style and layout that follow. */
async function timed(root, act) {
  const t0 = performance.now();
  await act();
  const t1 = performance.now();
  void root.querySelector('table').getBoundingClientRect().height;
  return { ms: t1 - t0, layoutMs: performance.now() - t0 };
}

/**
 * Mounts the element for `user`; resolves with its first render of the preferences. Their
 * answer is held once it has arrived until the page has settled (see bench-grid.html).
 */
async function mountElement({ user, apiKey, apiUrl, layout }) {
  const userKey = await (await fetch(`/demo/user-key?user=${user}`)).text();
  const el = document.createElement('notiflows-preferences');
  Object.assign(el, {
    apiKey,
    apiUrl: new URL(apiUrl, location.href).href,
    userKey,
    locale: 'en',
    layout,
  });
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const arrived = new Promise((resolve) => (window.__hold = { arrived: resolve, released }));
  const rendered = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no preferences after 30 s')), 30_000);
    el.addEventListener(
      'notiflows-load',
      async () => {
        // The store asks for the render right after this event: its update is awaited from
        // a microtask on.
        const m = await timed(el.shadowRoot, () =>
          new Promise((r) => queueMicrotask(r)).then(() => el.updateComplete),
        );
        clearTimeout(timer);
        resolve(m);
      },
      { once: true },
    );
  });
  stage().append(el);
  await arrived;
  await settle();
  release();
  return { el, ...(await rendered) };
}

function button(on, label, cell, disabled, describedBy) {
  const b = document.createElement('button');
  b.setAttribute('type', 'button');
  b.setAttribute('role', 'switch');
  b.setAttribute('class', 'switch');
  b.setAttribute('part', 'switch');
  b.setAttribute('aria-checked', on ? 'true' : 'false');
  b.setAttribute('aria-label', label);
  if (disabled) b.setAttribute('aria-disabled', 'true');
  if (describedBy) b.setAttribute('aria-describedby', describedBy);
  b.setAttribute('data-r', cell.r);
  b.setAttribute('data-c', cell.c);
  b.setAttribute('tabindex', cell.tabIndex);
  const thumb = document.createElement('span');
  thumb.setAttribute('class', 'thumb');
  b.append(thumb);
  return b;
}

function make(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The floor: a hand-written imperative render of the same ready panel (no push card, every
 * channel type on), from the same preferences laid out in the same `sections`, one delegated
 * click listener. Its filter box narrows the grid as the element's does: the tbody of the
 * matching rows is built anew (the columns stay those of every row).
 */
function buildFloorDom(prefs, sections) {
  const label = (t) => EN.channel[t] ?? t;
  const notiflows = Object.values(prefs.notiflows);
  const types = [
    ...KNOWN.filter((t) => t in prefs.channel_types),
    ...Object.keys(prefs.channel_types).filter((t) => !KNOWN.includes(t)),
  ].filter((t) => prefs.channel_types[t] === false || notiflows.some((n) => t in n.channel_types));
  const columns = types.filter((t) =>
    sections.some((sec) => sec.rows.some((row) => t in prefs.notiflows[row.id].channel_types)),
  );

  const base = make('div', { part: 'base', 'aria-busy': 'false' });
  base.append(make('h2', {}, EN.title));

  const channels = make('section', { part: 'section', 'aria-labelledby': 'channels-h' });
  channels.append(
    make('h3', { id: 'channels-h' }, EN.channelsHeading),
    make('p', { class: 'muted' }, EN.channelsHint),
  );
  // "Turn everything off" above the channel switches (issue 21).
  const pause = make('div', { class: 'pause' });
  const pauseButton = make(
    'button',
    { type: 'button', class: 'button secondary', part: 'pause' },
    EN.pauseAll,
  );
  pauseButton.addEventListener('click', () => {});
  pause.append(pauseButton);
  channels.append(pause);
  const group = make('div', { class: 'channels', role: 'group', 'aria-labelledby': 'channels-h' });
  types.forEach((t, i) => {
    const span = make('span', { class: 'channel' });
    span.append(
      button(
        prefs.channel_types[t] !== false,
        `${label(t)} — all notifications`,
        { r: 0, c: i, tabIndex: i === 0 ? 0 : -1 },
        false,
      ),
      make('span', { 'aria-hidden': 'true' }, label(t)),
    );
    group.append(span);
  });
  channels.append(group);

  const section = make('section', { part: 'section', 'aria-labelledby': 'notiflows-h' });
  section.append(make('h3', { id: 'notiflows-h' }, EN.notiflowsHeading));
  // A big project has the filter box above its grid (issue 21).
  const filter = make('input', {
    type: 'search',
    class: 'filter',
    part: 'filter',
    'aria-label': EN.filterLabel,
    placeholder: EN.filterLabel,
  });
  section.append(filter);
  const table = make('table', { role: 'grid', 'aria-labelledby': 'notiflows-h' });
  table.addEventListener('click', () => {});
  const thead = document.createElement('thead');
  const head = make('tr', { role: 'row' });
  const nameHead = make('th', { role: 'columnheader', class: 'name' });
  nameHead.append(make('span', { class: 'visually-hidden' }, EN.notiflowsHeading));
  head.append(nameHead, make('th', { role: 'columnheader' }, EN.allColumn));
  for (const t of columns) head.append(make('th', { role: 'columnheader' }, label(t)));
  thead.append(head);
  let tbody = buildFloorBody(prefs, sections, columns, label);
  filter.addEventListener('input', () => {
    const shown = filterSections(sections, filter.value, (id) => prefs.notiflows[id].name ?? id);
    const next = buildFloorBody(prefs, shown, columns, label);
    tbody.replaceWith(next);
    tbody = next;
  });
  table.append(thead, tbody);
  section.append(table);
  base.append(channels, section);
  const status = make('p', {
    part: 'status',
    class: 'visually-hidden',
    role: 'status',
    'aria-live': 'polite',
  });
  base.append(status);
  return base;
}

/**
 * The grid's tbody: each section's title row (when it has a title or is one of several; the
 * untitled one is "Other notifications"), then its notiflows' rows.
 */
function buildFloorBody(prefs, sections, columns, label) {
  const tbody = document.createElement('tbody');
  let r = 0;
  for (const sec of sections) {
    if (sec.title || sections.length > 1) {
      const tr = make('tr', { role: 'row', class: 'section-row' });
      const th = make('th', {
        role: 'rowheader',
        colspan: columns.length + 2,
        part: 'section-title',
      });
      th.append(make('span', { class: 'section-title' }, sec.title ?? EN.otherSection));
      if (sec.description)
        th.append(
          make('span', { class: 'description', part: 'section-description' }, sec.description),
        );
      tr.append(th);
      tbody.append(tr);
    }
    for (const row of sec.rows) tbody.append(buildFloorRow(prefs, row, r++, columns, label));
  }
  return tbody;
}

/** One notiflow's row; a required one shows on everywhere, its switches pointing to why. */
function buildFloorRow(prefs, { id, description, required }, r, columns, label) {
  const n = prefs.notiflows[id];
  const name = n.name ?? id;
  const tr = document.createElement('tr');
  tr.setAttribute('part', 'row');
  tr.setAttribute('role', 'row');
  const th = document.createElement('th');
  th.setAttribute('role', 'rowheader');
  const nameSpan = document.createElement('span');
  nameSpan.setAttribute('class', 'name');
  nameSpan.textContent = name;
  th.append(nameSpan);
  if (description)
    th.append(make('span', { class: 'description', part: 'notiflow-description' }, description));
  if (required)
    th.append(
      make('span', { class: 'badge', 'aria-hidden': 'true' }, EN.alwaysOn),
      make('span', { class: 'visually-hidden', id: `q-${id}` }, EN.requiredNote),
    );
  else if (!n.enabled) {
    const off = document.createElement('span');
    off.setAttribute('class', 'visually-hidden');
    off.setAttribute('id', `r-${id}`);
    off.textContent = EN.offBecauseNotiflow;
    th.append(off);
  }
  tr.append(th);
  const why = required ? `q-${id}` : undefined;
  const all = document.createElement('td');
  all.setAttribute('role', 'gridcell');
  const allLabel = document.createElement('span');
  allLabel.setAttribute('class', 'cell-label');
  allLabel.setAttribute('aria-hidden', 'true');
  allLabel.textContent = EN.allColumn;
  all.append(
    allLabel,
    button(
      required || n.enabled,
      `${name} — all channels`,
      { r, c: 0, tabIndex: r === 0 ? 0 : -1 },
      required,
      why,
    ),
  );
  tr.append(all);
  columns.forEach((t, i) => {
    const td = document.createElement('td');
    td.setAttribute('role', 'gridcell');
    if (!(t in n.channel_types)) {
      td.setAttribute('class', 'none');
      td.append(make('span', { 'aria-hidden': 'true' }, '—'));
    } else {
      const stored = n.channel_types[t] !== false;
      const reason =
        why ??
        (prefs.channel_types[t] === false && stored
          ? `off-${t}`
          : !n.enabled && stored
            ? `r-${id}`
            : undefined);
      const on = required || (prefs.channel_types[t] !== false && n.enabled && stored);
      const cellLabel = document.createElement('span');
      cellLabel.setAttribute('class', 'cell-label');
      cellLabel.setAttribute('aria-hidden', 'true');
      cellLabel.textContent = label(t);
      td.append(
        cellLabel,
        button(on, `${name} — ${label(t)}`, { r, c: i + 1, tabIndex: -1 }, !!reason, reason),
      );
    }
    tr.append(td);
  });
  return tr;
}

/**
 * Builds the floor, laid out by `layout` as the element does, into a connected shadow root
 * styled like the element's.
 */
async function floor(prefs, layout) {
  const host = document.createElement('div');
  host.setAttribute('theme', 'auto');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [NotiflowsPreferences.styles].flat().map((s) => s.sheet);
  stage().append(host);
  const m = await timed(root, () =>
    root.append(buildFloorDom(prefs, arrange(prefs, layout, 'en').sections)),
  );
  return { host, ...m };
}

/**
 * Every element in tree order: tag, attributes (sorted) and own text; the live status line's
 * words aside (the element's says how many rows a filter shows, 600 ms after the typing).
 */
function signature(root) {
  const out = [];
  for (const e of root.querySelector('[part=base]').querySelectorAll('*')) {
    const attrs = [...e.attributes]
      .map((a) => `${a.name}=${a.value}`)
      .sort()
      .join(' ');
    const text =
      e.getAttribute('part') === 'status'
        ? ''
        : [...e.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.data)
            .join('')
            .replace(/\s+/g, ' ')
            .trim();
    out.push(`<${e.localName} ${attrs}>${text}`);
  }
  return out;
}

/** Types `query` into the filter box in `root` (one input event), timed until `rendered`. */
async function typeInto(root, query, rendered = () => {}) {
  await settle();
  const input = root.querySelector('[part=filter]');
  return timed(root, () => {
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    return rendered();
  });
}

/** True, or where two signatures first differ. */
function sameSignature(step, a, b) {
  const at = a.findIndex((s, k) => s !== b[k]);
  return a.length === b.length && at === -1
    ? true
    : `${step}: element ${a.length} elements, floor ${b.length}; first difference at ${at}: ${a[at]} vs ${b[at]}`;
}

/**
 * Mounts the element and builds the floor `runs` times each, interleaved (which goes first
 * alternates), each step after a pause and a collection. With a `query`, each run then types
 * it into both filter boxes (`narrow`) and clears it (`clear`). Returns each step's times of
 * both sides, the element's rows, section rows and switches after each step, and whether both
 * sides had the same DOM after each step (compared on the first run).
 */
async function compare({ runs, query, ...options }) {
  const steps = query === undefined ? ['render'] : ['render', 'narrow', 'clear'];
  const sets = Object.fromEntries(steps.map((s) => [s, { element: [], plain: [] }]));
  const counts = {};
  let sameDom = true;
  let prefs;
  for (let i = 0; i < runs; i++) {
    let el;
    let host;
    const sides = {
      render: {
        element: async () => {
          const m = await mountElement(options);
          el = m.el;
          prefs ??= el.preferences;
          return m;
        },
        plain: async () => {
          await settle();
          const f = await floor(prefs, options.layout);
          host = f.host;
          return f;
        },
      },
      narrow: {
        element: () => typeInto(el.shadowRoot, query, () => el.updateComplete),
        plain: () => typeInto(host.shadowRoot, query),
      },
      clear: {
        element: () => typeInto(el.shadowRoot, '', () => el.updateComplete),
        plain: () => typeInto(host.shadowRoot, ''),
      },
    };
    for (const step of steps) {
      const dom = {};
      for (const side of i % 2 === 0 ? ['element', 'plain'] : ['plain', 'element']) {
        const { ms, layoutMs } = await sides[step][side]();
        sets[step][side].push({ ms, layoutMs });
        const root = (side === 'element' ? el : host).shadowRoot;
        if (i === 0) dom[side] = signature(root);
        if (side === 'element' && step !== 'render') await sleep(ANNOUNCED);
      }
      if (i > 0) continue;
      if (sameDom === true) sameDom = sameSignature(step, dom.element, dom.plain);
      counts[step] = {
        rows: el.shadowRoot.querySelectorAll('tr[part=row]').length,
        sections: el.shadowRoot.querySelectorAll('tr.section-row').length,
        switches: el.shadowRoot.querySelectorAll('[role=switch]').length,
      };
    }
    el.parentElement.remove();
    host.parentElement.remove();
  }
  return { sets, counts, sameDom };
}

/** Which row (or other part) a mutated node belongs to. */
function placeOf(node, root) {
  for (let n = node; n && n !== root; n = n.parentNode) {
    if (n.localName === 'tr') return n;
    if (n.getAttribute?.('part') === 'status') return 'status';
  }
  return 'outside';
}

/**
 * Toggles switches in the middle of the grid, each once; per toggle: the re-render time
 * (click → updateComplete) and the mutations outside the toggled row, from the click until
 * the save is confirmed and rendered. The switch is focused first: the roving Tab stop
 * moving to it is the keyboard pattern's own change (its old and new row), counted apart.
 */
async function toggles({ count, ...options }) {
  const { el } = await mountElement(options);
  const root = el.shadowRoot;
  // Channel switches one can turn, from the middle of the grid on, each in another row.
  const candidates = [
    ...root.querySelectorAll('tbody [role=switch]:not([aria-disabled]):not([data-c="0"])'),
  ];
  const out = [];
  for (let i = 0; i < count; i++) {
    const sw = candidates[Math.floor(candidates.length / 2) + i * 41];
    const row = sw.closest('tr');

    const focusRecords = [];
    const focusObserver = new MutationObserver((recs) => focusRecords.push(...recs));
    focusObserver.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    sw.focus();
    await el.updateComplete;
    focusRecords.push(...focusObserver.takeRecords());
    focusObserver.disconnect();
    const focusRows = new Set(focusRecords.map((m) => placeOf(m.target, root)));

    const records = [];
    const observer = new MutationObserver((recs) => records.push(...recs));
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const saved = new Promise((resolve) =>
      el.addEventListener('notiflows-save', resolve, { once: true }),
    );
    const before = sw.getAttribute('aria-checked');
    const t0 = performance.now();
    sw.click();
    await el.updateComplete;
    const ms = performance.now() - t0;
    const after = sw.getAttribute('aria-checked');
    await saved;
    await el.updateComplete;
    await sleep(30);
    records.push(...observer.takeRecords());
    observer.disconnect();
    const places = records.map((m) => placeOf(m.target, root));
    out.push({
      ms,
      flipped: before !== after,
      inRow: places.filter((p) => p === row).length,
      status: places.filter((p) => p === 'status').length,
      outside: places.filter((p) => p !== row && p !== 'status').length,
      outsideWhat: records
        .filter((_, k) => places[k] !== row && places[k] !== 'status')
        .slice(0, 3)
        .map((m) => `${m.type} on <${m.target.nodeName.toLowerCase()}> ${m.attributeName ?? ''}`),
      focusRows: [...focusRows].filter((p) => p instanceof Element).length,
      focusOutside: [...focusRows].filter((p) => !(p instanceof Element)).length,
    });
  }
  el.parentElement.remove();
  return out;
}

window.benchGrid = { compare, toggles, mountElement, floor };
