import type { Strings } from './en.js';
import type { PackedStrings } from './packed.js';

// npm builds: each locale is a chunk the user's bundler splits off and loads on demand.
// The script-tag build swaps this module for import-locale.script-tag.ts (vite.config.ts).
const loaders: Record<string, () => Promise<Strings | PackedStrings>> = {
  fr: () => import('./fr.js').then((m) => m.fr),
  de: () => import('./de.js').then((m) => m.de),
  es: () => import('./es.js').then((m) => m.es),
};

/** A locale's strings (packed once built), or undefined for one we don't ship. */
export const importLocale = (locale: string): Promise<Strings | PackedStrings> | undefined =>
  loaders[locale]?.();
