import type { Strings } from './en.js';
import { importLocale } from './import-locale.js';
import { englishOf } from './localize.js';
import { unpack } from './packed.js';

/** The locales this page has imported. */
const imported = new Set<string>();

/**
 * A locale's strings for an element's `parts` of English, fetched and unpacked. A part of its
 * own, loaded only when a page asks for fr/de/es (localize-controller.ts): English pages never
 * fetch it. Rejects when the locale cannot load or is from another version; the caller falls
 * back to English.
 */
export async function loadStrings(locale: string, parts: readonly object[]): Promise<Strings> {
  // A locale not imported yet is not tried offline: Chromium would remember the failed import
  // for the page's life. One imported before needs no network.
  if (navigator.onLine === false && !imported.has(locale)) throw new TypeError('offline');
  const strings = await importLocale(locale);
  imported.add(locale);
  // Built files ship packed (packed.ts); sources, as in tests, are plain objects, whole.
  if (!strings) return englishOf(parts);
  return Array.isArray(strings) ? unpack(strings, parts) : (strings as Strings);
}
