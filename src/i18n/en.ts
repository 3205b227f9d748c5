import { enDevices } from './en/devices.js';
import { enPreferences } from './en/preferences.js';
import { enPrompt } from './en/prompt.js';
import { enPush } from './en/push.js';

/**
 * English in parts (en/), as the elements carry it: `<notiflows-push>` the push card's alone,
 * the prompt its own too, the panel its own, "Your devices" with its lazily loaded part. The
 * build packs fr/de/es in these parts (packed.ts).
 */
export const EN_PARTS = [enPush, enDevices, enPrompt, enPreferences] as const;

/** All of English: the shape of every locale. For the build and tests; elements import parts. */
export const en = { ...enPush, ...enDevices, ...enPrompt, ...enPreferences };

/** Every string the elements show, grouped as in {@link en}. `{name}` placeholders are filled at render time. */
export type Strings = typeof en;
