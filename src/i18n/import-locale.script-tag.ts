import type { Strings } from './en.js';

// An IIFE cannot split, so the script tag imports fr/de/es from the npm build's own locale
// modules next to it (dist/i18n/fr.js), only when a page uses them.
// Resolved now: document.currentScript is only set while the script first runs.
const base = (document.currentScript as HTMLScriptElement | null)?.src || document.baseURI;

/** A locale's strings, or undefined for one we don't ship. */
export const importLocale = (locale: string): Promise<Strings> | undefined =>
  ['fr', 'de', 'es'].includes(locale)
    ? import(/* @vite-ignore */ new URL(`i18n/${locale}.js`, base).href).then(
        (m: Record<string, Strings>) => m[locale],
      )
    : undefined;
