/**
 * A group of strings typed by its vocabulary (channels, error codes), so a locale that misses
 * one does not compile; a lookup by any other key falls back (`label()` in localize.ts).
 */
export type Labels<K extends string> = Record<K, string> & { [other: string]: string | undefined };
