import type { PackedStrings } from './packed.js';

// An IIFE cannot split, so the script tag imports fr/de/es from the npm build's own locale
// modules next to it (dist/i18n/fr.js), only when a page uses them.
// Resolved now: document.currentScript is only set while the script first runs. Without it
// (the file loaded as a module, or by a script loader) there is no "next to it": English.
const base = (document.currentScript as HTMLScriptElement | null)?.src;

/** A locale's packed strings, or undefined for one we don't ship. */
export const importLocale = (locale: string): Promise<PackedStrings> | undefined =>
  ['fr', 'de', 'es'].includes(locale)
    ? base
      ? import(/* @vite-ignore */ new URL(`i18n/${locale}.js`, base).href).then(
          (m: Record<string, PackedStrings>) => m[locale],
        )
      : Promise.reject(new Error('the script tag has no src to find its locale files next to'))
    : undefined;
