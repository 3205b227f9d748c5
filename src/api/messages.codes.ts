// The production stand-in for messages.ts: no sentences (they are ~0.7 kB gzip of the script
// tag), so a message is its id, its detail and a link (see `message` in errors.ts).
import type { MESSAGES as Sentences } from './messages.js';

/** No sentences in production builds. */
export const MESSAGES: typeof Sentences | undefined = undefined;
