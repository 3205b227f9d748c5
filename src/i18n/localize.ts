import type { Strings } from './en.js';

export type { Strings };
export const LOCALES = ['en', 'fr', 'de', 'es'] as const;

/** The locale a page asks for: the given one, else the closest `lang`, else the browser's (a BCP 47 tag). */
export function wantedLocale(requested: string | undefined, element?: Element): string {
  return (
    requested ||
    element?.closest('[lang]')?.getAttribute('lang') ||
    (typeof navigator === 'undefined' ? 'en' : navigator.language) ||
    'en'
  );
}

/** The locale to use: the best we have for the {@link wantedLocale}. */
export function resolveLocale(requested: string | undefined, element?: Element): string {
  const base = wantedLocale(requested, element).toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? base : 'en';
}

/**
 * An element's strings: the parts of English it shows (en/), as one object. Typed whole: each
 * element's `text` says which parts it has.
 */
export const englishOf = (parts: readonly object[]): Strings => Object.assign({}, ...parts);

/**
 * A group's string for a key that may come from outside (a server's channel type or error
 * code): its own strings only, so `constructor` or `__proto__` is not a label. Undefined when
 * it has none, for the caller's fallback.
 */
export function label(group: object, key: string): string | undefined {
  const value: unknown = Object.hasOwn(group, key) ? group[key as keyof typeof group] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Overrides merged over a locale's strings (nested groups merged one level deep). */
export function mergeStrings(base: Strings, overrides?: DeepPartial<Strings>): Strings {
  if (!overrides) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(overrides)) {
    out[k] =
      typeof v === 'object' && v !== null
        ? { ...(base as unknown as Record<string, object>)[k], ...v }
        : v;
  }
  return out as unknown as Strings;
}

/** Overrides of some strings: any top-level string, or some entries of a group (merged one level deep). */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
