import type { Strings } from './en.js';

/**
 * A locale as the build ships it (fr/de/es): a fingerprint of its key paths, then its
 * strings alone in the order of those paths, sorted. Every locale has exactly English's keys
 * (typed, tested, and checked by the build), so English's paths put the names back; the
 * fingerprint refuses a file of another version (a script tag and a locale file from two
 * releases). Leaving the names out takes a locale file from 1.69 to 1.28 kB gzip.
 */
export type PackedStrings = readonly string[];

/** A locale's key paths, sorted: `allColumn`, `channel.email`, … (groups are one level). */
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

/** The build's side: a locale's strings in key-path order, after their fingerprint. */
export function pack(strings: Strings): PackedStrings {
  const paths = keyPaths(strings);
  const at = (path: string) =>
    path.split('.').reduce<unknown>((o, k) => (o as Groups)[k], strings) as string;
  return [fingerprint(paths), ...paths.map(at)];
}

/** The loader's side: names from `shape` (English) put back on packed strings. */
export function unpack(values: PackedStrings, shape: Strings): Strings {
  const paths = keyPaths(shape);
  if (values[0] !== fingerprint(paths) || values.length !== paths.length + 1)
    throw new Error('locale file does not match this version');
  const out: Groups = {};
  paths.forEach((path, i) => {
    const [key, sub] = path.split('.');
    if (sub) (out[key] ??= {})[sub] = values[i + 1];
    else (out as Record<string, unknown>)[key] = values[i + 1];
  });
  return out as unknown as Strings;
}
