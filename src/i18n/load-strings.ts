import type { Strings } from './en.js';
import { importLocale } from './import-locale.js';
import { lazy } from '../internal/lazy.js';
import { englishOf } from './localize.js';
import { unpack } from './packed.js';

/**
 * Each locale's import, as every part of ours loads (lazy.ts): once per page, not tried
 * offline (Firefox would remember the failure for the page's life), tried again after a
 * failure; one imported before resolves offline too.
 */
const imports = new Map<string, ReturnType<typeof importOnce>>();
const importOnce = (locale: string) => lazy(async () => importLocale(locale), `i18n/${locale}`);

/**
 * A locale's strings for an element's `parts` of English, fetched and unpacked. A part of its
 * own, loaded only when a page asks for fr/de/es (localize-controller.ts): English pages never
 * fetch it. Rejects when the locale cannot load or is from another version; the caller falls
 * back to English.
 */
export async function loadStrings(locale: string, parts: readonly object[]): Promise<Strings> {
  let load = imports.get(locale);
  if (!load) imports.set(locale, (load = importOnce(locale)));
  const strings = await load();
  // Built files ship packed (packed.ts); sources, as in tests, are plain objects, whole.
  if (!strings) return englishOf(parts);
  return Array.isArray(strings) ? unpack(strings, parts) : (strings as Strings);
}
