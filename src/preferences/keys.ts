import type { Preferences, PreferencesUpdate } from '../api/types.js';

/**
 * One switch, as a string key: `channel_types.<type>`, `notiflows.<id>.enabled` or
 * `notiflows.<id>.channel_types.<type>`. Changes are tracked per key so a failed write
 * rolls back only its own keys.
 */
export type SwitchKey =
  | `channel_types.${string}`
  | `notiflows.${string}.enabled`
  | `notiflows.${string}.channel_types.${string}`;

export const globalKey = (type: string) => `channel_types.${type}` as const;
export const enabledKey = (notiflowId: string) => `notiflows.${notiflowId}.enabled` as const;
export const overrideKey = (notiflowId: string, type: string) =>
  `notiflows.${notiflowId}.channel_types.${type}` as const;

type Parsed = { notiflowId?: string; field: 'enabled' | 'channel'; type?: string };

/** Splits a {@link SwitchKey} into notiflow id, field and channel type; undefined for any other string. */
export function parseKey(key: SwitchKey): Parsed | undefined {
  const g = /^channel_types\.([\w-]+)$/.exec(key);
  if (g) return { field: 'channel', type: g[1] };
  const n = /^notiflows\.(.+?)\.(enabled|channel_types\.([\w-]+))$/.exec(key);
  if (n)
    return n[2] === 'enabled'
      ? { notiflowId: n[1], field: 'enabled' }
      : { notiflowId: n[1], field: 'channel', type: n[3] };
  return undefined;
}

/** The partial `PUT /preferences` body for a set of changes. */
export function toUpdate(changes: ReadonlyMap<SwitchKey, boolean>): PreferencesUpdate {
  const update: PreferencesUpdate = {};
  for (const [key, value] of changes) {
    const p = parseKey(key);
    if (!p) continue;
    if (!p.notiflowId) (update.channel_types ??= {})[p.type!] = value;
    else {
      const n = ((update.notiflows ??= {})[p.notiflowId] ??= {});
      if (p.field === 'enabled') n.enabled = value;
      else (n.channel_types ??= {})[p.type!] = value;
    }
  }
  return update;
}

/**
 * `prefs` with the changes laid over it: a new object, whose notiflows the changes do not touch
 * are `prefs`' own (copy on write: a deep copy of a big project cost milliseconds per read).
 */
export function applyChanges(
  prefs: Preferences,
  changes: ReadonlyMap<SwitchKey, boolean>,
): Preferences {
  const out: Preferences = {
    ...prefs,
    channel_types: { ...prefs.channel_types },
    notiflows: { ...prefs.notiflows },
  };
  for (const [key, value] of changes) {
    const p = parseKey(key);
    if (!p) continue;
    if (!p.notiflowId) out.channel_types[p.type!] = value;
    else {
      const held = prefs.notiflows[p.notiflowId];
      if (!held) continue;
      let n = out.notiflows[p.notiflowId]!;
      if (n === held)
        n = out.notiflows[p.notiflowId] = { ...held, channel_types: { ...held.channel_types } };
      if (p.field === 'enabled') n.enabled = value;
      else n.channel_types[p.type!] = value;
    }
  }
  return out;
}

/** The value a key has in `prefs` (undefined when the key does not exist there). */
export function valueOf(prefs: Preferences, key: SwitchKey): boolean | undefined {
  const p = parseKey(key);
  if (!p) return undefined;
  if (!p.notiflowId) return prefs.channel_types[p.type!];
  const n = prefs.notiflows[p.notiflowId];
  return p.field === 'enabled' ? n?.enabled : n?.channel_types[p.type!];
}
