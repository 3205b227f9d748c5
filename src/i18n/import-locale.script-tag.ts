import type { Strings } from './en.js';

// An IIFE cannot split, so the script tag loads fr/de/es from files next to it
// (dist/locales/fr.js, built by `vite build --mode locales`), only when a page uses them.
// Resolved now: document.currentScript is only set while the script first runs.
const base = (document.currentScript as HTMLScriptElement | null)?.src || document.baseURI;

/** A locale's strings, or undefined for one we don't ship. */
export const importLocale = (locale: string): Promise<Strings> | undefined =>
  ['fr', 'de', 'es'].includes(locale)
    ? import(/* @vite-ignore */ new URL(`locales/${locale}.js`, base).href).then(
        (m: Record<string, Strings>) => m[locale],
      )
    : undefined;
