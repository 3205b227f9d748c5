// The page side of `npm run bench`'s big-project case (scripts/bench.mjs drives it):
// - the element's first render of the project's preferences: from the moment they arrive
//   (`notiflows-load`) to `updateComplete`, then with the style and layout that follow;
// - the plain-DOM floor: the same DOM (same elements, attributes, labels and text, checked
//   below) built with createElement/setAttribute/append into a shadow root with the
//   element's own styles, in the same page and run;
// - a toggle: what it mutates outside its row (a MutationObserver on the shadow root), and
//   how long its re-render takes.
// The English strings the element shows (the page runs on vite's dev server, which serves TS).
import { en as EN } from '../src/i18n/en.ts';

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

/**
 * Mounts the element for `user`; resolves with its first render of the preferences. Their
 * answer is held once it has arrived until the page has settled (see bench-grid.html).
 */
async function mountElement({ user, apiKey, apiUrl }) {
  const userKey = await (await fetch(`/demo/user-key?user=${user}`)).text();
  const el = document.createElement('notiflows-preferences');
  Object.assign(el, { apiKey, apiUrl: new URL(apiUrl, location.href).href, userKey, locale: 'en' });
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const arrived = new Promise((resolve) => (window.__hold = { arrived: resolve, released }));
  const rendered = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no preferences after 30 s')), 30_000);
    el.addEventListener(
      'notiflows-load',
      () => {
        // The store asks for the render right after this event; it runs in a microtask.
        const t0 = performance.now();
        queueMicrotask(async () => {
          await el.updateComplete;
          const t1 = performance.now();
          void el.shadowRoot.querySelector('table').getBoundingClientRect().height;
          const t2 = performance.now();
          clearTimeout(timer);
          resolve({ ms: t1 - t0, layoutMs: t2 - t0 });
        });
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
 * channel type on), from the same preferences, one delegated click listener.
 */
function buildFloorDom(prefs) {
  const label = (t) => EN.channel[t] ?? t;
  const entries = Object.entries(prefs.notiflows);
  const types = [
    ...KNOWN.filter((t) => t in prefs.channel_types),
    ...Object.keys(prefs.channel_types).filter((t) => !KNOWN.includes(t)),
  ].filter(
    (t) => prefs.channel_types[t] === false || entries.some(([, n]) => t in n.channel_types),
  );
  const columns = types.filter((t) => entries.some(([, n]) => t in n.channel_types));

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
  filter.addEventListener('input', () => {});
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
  const tbody = document.createElement('tbody');
  entries.forEach(([id, n], r) => {
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
    if (!n.enabled) {
      const off = document.createElement('span');
      off.setAttribute('class', 'visually-hidden');
      off.setAttribute('id', `r-${id}`);
      off.textContent = EN.offBecauseNotiflow;
      th.append(off);
    }
    tr.append(th);
    const all = document.createElement('td');
    all.setAttribute('role', 'gridcell');
    const allLabel = document.createElement('span');
    allLabel.setAttribute('class', 'cell-label');
    allLabel.setAttribute('aria-hidden', 'true');
    allLabel.textContent = EN.allColumn;
    all.append(
      allLabel,
      button(n.enabled, `${name} — all channels`, { r, c: 0, tabIndex: r === 0 ? 0 : -1 }),
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
          prefs.channel_types[t] === false && stored
            ? `off-${t}`
            : !n.enabled && stored
              ? `r-${id}`
              : undefined;
        const on = prefs.channel_types[t] !== false && n.enabled && stored;
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
    tbody.append(tr);
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

/** Builds the floor into a connected shadow root styled like the element's. */
function floor(prefs) {
  const host = document.createElement('div');
  host.setAttribute('theme', 'auto');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = NotiflowsPreferences.elementStyles.map((s) => s.styleSheet ?? s);
  stage().append(host);
  const t0 = performance.now();
  root.append(buildFloorDom(prefs));
  const t1 = performance.now();
  void root.querySelector('table').getBoundingClientRect().height;
  const t2 = performance.now();
  return { host, ms: t1 - t0, layoutMs: t2 - t0 };
}

/** Every element in tree order: tag, attributes (sorted) and own text. */
function signature(root) {
  const out = [];
  for (const e of root.querySelector('[part=base]').querySelectorAll('*')) {
    const attrs = [...e.attributes]
      .map((a) => `${a.name}=${a.value}`)
      .sort()
      .join(' ');
    const text = [...e.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.data)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    out.push(`<${e.localName} ${attrs}>${text}`);
  }
  return out;
}

/**
 * Mounts the element and builds the floor `runs` times each, interleaved (which goes first
 * alternates), each after a pause and a collection.
 */
async function compare({ runs, ...options }) {
  const element = [];
  const plain = [];
  let switches = 0;
  let rows = 0;
  let sameDom;
  const measureElement = async () => {
    const m = await mountElement(options);
    element.push({ ms: m.ms, layoutMs: m.layoutMs });
    switches = m.el.shadowRoot.querySelectorAll('[role=switch]').length;
    rows = m.el.shadowRoot.querySelectorAll('tbody tr').length;
    return m.el;
  };
  const measureFloor = async (prefs) => {
    await settle();
    const f = floor(prefs);
    plain.push({ ms: f.ms, layoutMs: f.layoutMs });
    return f.host;
  };
  let prefs;
  for (let i = 0; i < runs; i++) {
    let el;
    let host;
    if (i % 2 === 0 || !prefs) {
      el = await measureElement();
      prefs = el.preferences;
      host = await measureFloor(prefs);
    } else {
      host = await measureFloor(prefs);
      el = await measureElement();
    }
    if (sameDom === undefined) {
      const a = signature(el.shadowRoot);
      const b = signature(host.shadowRoot);
      const at = a.findIndex((s, k) => s !== b[k]);
      sameDom =
        a.length === b.length && at === -1
          ? true
          : `element ${a.length} elements, floor ${b.length}; first difference at ${at}: ${a[at]} vs ${b[at]}`;
    }
    el.parentElement.remove();
    host.parentElement.remove();
  }
  return { element, plain, switches, rows, sameDom };
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
