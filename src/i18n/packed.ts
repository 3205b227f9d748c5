import type { Strings } from './en.js';

/**
 * A locale as the build ships it (fr/de/es): one section per part of English (en/), each a
 * fingerprint of the part's key paths, then its strings alone in the order of those paths,
 * sorted. Every locale has exactly English's keys (typed, tested, and checked by the build),
 * so an element's parts of English put the names back on their sections, which it finds by
 * fingerprint and the others it leaves; the fingerprint also refuses a file of another
 * version (a script tag and a locale file from two releases). Leaving the names out takes a
 * locale file from 1.69 to 1.28 kB gzip.
 */
export type PackedStrings = readonly (readonly string[])[];

/** A part's key paths, sorted: `allColumn`, `channel.email`, … (groups are one level). */
export const keyPaths = (strings: object): string[] =>
  Object.entries(strings)
    .flatMap(([key, value]) =>
      typeof value === 'object' && value ? Object.keys(value).map((sub) => `${key}.${sub}`) : key,
    )
    .sort();

/** FNV-1a of the key paths, base 36: which strings, in which order. */
function fingerprint(paths: string[]): string {
  let h = 0x811c9dc5;
  for (const c of paths.join()) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0).toString(36);
}

type Groups = Record<string, Record<string, string>>;

/** The build's side: for each part of English, a fingerprint, then the locale's strings in key-path order. */
export function pack(strings: Strings, parts: readonly object[]): PackedStrings {
  const at = (path: string) =>
    path.split('.').reduce<unknown>((o, k) => (o as Groups)[k], strings) as string;
  return parts.map((part) => {
    const paths = keyPaths(part);
    return [fingerprint(paths), ...paths.map(at)];
  });
}

/** The loader's side: names from `parts` (an element's English) put back on their sections. */
export function unpack(sections: PackedStrings, parts: readonly object[]): Strings {
  const out: Groups = {};
  for (const part of parts) {
    const paths = keyPaths(part);
    const values = sections.find(([id]) => id === fingerprint(paths));
    if (values?.length !== paths.length + 1)
      throw new Error('locale file does not match this version');
    paths.forEach((path, i) => {
      const [key, sub] = path.split('.');
      if (sub) (out[key] ??= {})[sub] = values[i + 1];
      else (out as Record<string, unknown>)[key] = values[i + 1];
    });
  }
  return out as unknown as Strings;
}
