import type { Preferences } from '../api/types.js';

/** How one notiflow's switch for one channel type reads, from {@link effectiveSwitch}. */
export interface EffectiveSwitch {
  /** Whether notifications of this notiflow reach the user on this channel type. */
  on: boolean;
  /** The per-notiflow setting itself. */
  stored: boolean;
  /** Why it is off although `stored` is on. */
  reason?: 'channel_off' | 'notiflow_off';
}

/** What actually gets delivered: a channel type off globally, or a notiflow off, wins. */
export function effectiveSwitch(
  prefs: Preferences,
  notiflowId: string,
  type: string,
): EffectiveSwitch {
  const n = prefs.notiflows[notiflowId];
  const stored = n?.channel_types[type] !== false;
  if (prefs.channel_types[type] === false)
    return { on: false, stored, reason: stored ? 'channel_off' : undefined };
  if (n && !n.enabled) return { on: false, stored, reason: stored ? 'notiflow_off' : undefined };
  return { on: stored, stored };
}
