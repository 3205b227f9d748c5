import type { Preferences } from '../api/types.js';

/** A text given by the site: one string, or one per language (`{ en: …, fr: … }`). */
export type LayoutText = string | Record<string, string>;

/** A section of the preference center: a title, a description, and its notiflows in order. */
export interface LayoutSection {
  title: LayoutText;
  description?: LayoutText;
  /** Notiflow ids or names, in the order shown. */
  notiflows: string[];
}

/** What the site says about one notiflow. */
export interface NotiflowLayout {
  /** A line under its name. */
  description?: LayoutText;
  /** Not shown (its switches keep their values). */
  hidden?: boolean;
  /** Shown "Always on", its switches not operable, and never written. */
  required?: boolean;
}

/** What the site says about one channel type, in the channels section. */
export interface ChannelLayout {
  /** A line under its name: what it is ("Texts to your phone"). */
  description?: LayoutText;
  /** A line on why to keep it on ("We text you only when a delivery is at risk"). */
  why?: LayoutText;
}

/**
 * How the site lays out its preference center, on top of what the API gives (each notiflow's
 * name and switches): sections, descriptions, order, hidden and required notiflows. Set as
 * the `layout` property, or as a `<script type="application/json">` child of the element.
 *
 * @example
 * panel.layout = {
 *   sections: [{ title: { en: 'Orders', fr: 'Commandes' }, notiflows: ['Order updates', 'Refunds'] }],
 *   notiflows: { 'Password reset': { required: true, description: 'Sent when you ask for it.' } },
 *   channels: { sms: { description: 'Texts to your phone.', why: 'Only when a delivery is at risk.' } },
 * };
 */
export interface PreferencesLayout {
  sections?: LayoutSection[];
  /** By notiflow id or name. */
  notiflows?: Record<string, NotiflowLayout>;
  /** By channel type (`email`, `sms`, `web_push`…). */
  channels?: Record<string, ChannelLayout>;
}

/** One notiflow row as laid out. */
export interface ArrangedRow {
  id: string;
  description?: string;
  required: boolean;
}

/** One section as laid out; the default section (notiflows no section names) has no title. */
export interface ArrangedSection {
  title?: string;
  description?: string;
  rows: ArrangedRow[];
}

/** A site text in `lang` (`fr-CA` → `fr`, then `en`, then the first given). */
export function layoutText(text: LayoutText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const base = lang.toLowerCase().split(/[-_]/)[0]!;
  return text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0];
}

/**
 * The notiflows of `prefs` in the site's sections and order, hidden ones left out; the rest
 * after them in a section without a title, in the API's order. `unknown`: the ids and names
 * the layout gives that match no notiflow (reported, never thrown: the site's layout may be
 * ahead of or behind the project).
 */
export function arrange(
  prefs: Preferences,
  layout: PreferencesLayout | undefined,
  lang: string,
): { sections: ArrangedSection[]; unknown: string[] } {
  const ids = Object.keys(prefs.notiflows);
  const find = finder(prefs);
  const unknown = new Set<string>();
  const about = new Map<string, NotiflowLayout>();
  for (const [ref, n] of Object.entries(layout?.notiflows ?? {})) {
    const id = find(ref);
    if (id) about.set(id, n);
    else unknown.add(ref);
  }
  const placed = new Set<string>();
  const row = (id: string): ArrangedRow => ({
    id,
    description: layoutText(about.get(id)?.description, lang),
    required: !!about.get(id)?.required,
  });
  const shown = (id: string) => !about.get(id)?.hidden;
  const sections: ArrangedSection[] = [];
  for (const s of layout?.sections ?? []) {
    const rows: ArrangedRow[] = [];
    for (const ref of s.notiflows ?? []) {
      const id = find(ref);
      if (!id) unknown.add(ref);
      else if (!placed.has(id)) {
        placed.add(id);
        if (shown(id)) rows.push(row(id));
      }
    }
    if (rows.length)
      sections.push({
        title: layoutText(s.title, lang),
        description: layoutText(s.description, lang),
        rows,
      });
  }
  const rest = ids.filter((id) => !placed.has(id) && shown(id)).map(row);
  if (rest.length) sections.push({ rows: rest });
  return { sections, unknown: [...unknown] };
}

/** The notiflow ids the layout marks required, hidden or not: they are never written. */
export function requiredIds(prefs: Preferences, layout: PreferencesLayout | undefined): string[] {
  const find = finder(prefs);
  return Object.entries(layout?.notiflows ?? {})
    .filter(([, n]) => n.required)
    .map(([ref]) => find(ref))
    .filter((id): id is string => !!id);
}

/** Finds a notiflow by id, else by name. */
function finder(prefs: Preferences): (ref: string) => string | undefined {
  const byName = new Map(Object.entries(prefs.notiflows).map(([id, n]) => [n.name ?? id, id]));
  return (ref) => (ref in prefs.notiflows ? ref : byName.get(ref));
}

/** Lower case, accents off: "Réglages" matches "reglages". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The sections narrowed to the rows whose name, description or section title holds every
 * word of `query` (case and accents ignored); sections left empty go. An empty query keeps all.
 */
export function filterSections(
  sections: ArrangedSection[],
  query: string,
  nameOf: (id: string) => string,
): ArrangedSection[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return sections;
  return sections
    .map((sec) => ({
      ...sec,
      rows: sec.rows.filter((row) => {
        const text = fold(`${nameOf(row.id)} ${row.description ?? ''} ${sec.title ?? ''}`);
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((sec) => sec.rows.length);
}
