import { entries, keyval, update, type Run } from '../internal/idb.js';

// What the soft push prompt remembers, per user hash, in a database of its own: a new store
// in the push registration database would need a version upgrade, which the service worker's
// open connection to it can block.

/** When the soft push prompt may show; the element's attributes, normalised by {@link promptRules}. */
export interface PromptRules {
  /** The page view from which it may show: 1 = the first one. */
  afterVisits: number;
  /** How long after the page view it shows, in ms. */
  delayMs: number;
  /** How many days "Not now" hides it; 0 = not at all. */
  snoozeDays: number;
  /** How many times it may show in all; 0 = never. */
  maxShows: number;
}

/** The rules where the page sets none: from the 2nd page view, after 5 s, snoozed 7 days, 3 times at most. */
export const DEFAULT_PROMPT_RULES: Readonly<PromptRules> = {
  afterVisits: 2,
  delayMs: 5000,
  snoozeDays: 7,
  maxShows: 3,
};

/** Funnel counts of the soft push prompt. */
export interface PromptStats {
  /** Times it was shown. */
  shows: number;
  /** Times its button to turn notifications on was pressed. */
  accepts: number;
  /** Times "Not now" was pressed. */
  dismissals: number;
  /** Browser permission prompts that followed, answered "Allow". */
  granted: number;
  /** …answered "Block". */
  denied: number;
  /** …closed without an answer. */
  default: number;
}

/** What is stored per user hash; a field missing or invalid in storage reads as 0. */
export interface PromptRecord extends PromptStats {
  /** Page views counted, at most one per page load. */
  visits: number;
  /** Not shown before this time (ms since epoch); 0 = not snoozed. */
  snoozedUntil: number;
}

/** Whether to show on this page view, after how long, or why not. */
export type PromptDecision =
  { show: true; waitMs: number } | { show: false; reason: 'visits' | 'snoozed' | 'max-shows' };

const STATS = ['shows', 'accepts', 'dismissals', 'granted', 'denied', 'default'] as const;

const valid = (value: unknown): value is number => Number.isFinite(value) && (value as number) >= 0;

/**
 * The rules from the element's attributes: a rule missing or invalid (not a number, NaN,
 * negative, infinite) takes its default.
 */
export function promptRules(
  partial: { [K in keyof PromptRules]?: number | null } = {},
): PromptRules {
  const rules = { ...DEFAULT_PROMPT_RULES };
  for (const key of Object.keys(rules) as (keyof PromptRules)[])
    if (valid(partial[key])) rules[key] = partial[key];
  return rules;
}

/**
 * Whether the prompt shows on this page view (pure). `record` is this user's after
 * {@link PromptMemory.visit}; 0 visits means the page view could not be counted (storage
 * failed), and as snoozes and shows could not be either, it does not show then.
 */
export function decide(rules: PromptRules, record: PromptRecord, now: number): PromptDecision {
  const reason =
    record.shows >= rules.maxShows
      ? 'max-shows'
      : now < record.snoozedUntil
        ? 'snoozed'
        : record.visits < Math.max(rules.afterVisits, 1) && 'visits';
  return reason ? { show: false, reason } : { show: true, waitMs: rules.delayMs };
}

/** A stored value as a record: stored by another version, or corrupted, it is checked field by field. */
function asRecord(stored: unknown): PromptRecord {
  const record: Record<string, number> = {};
  for (const key of [...STATS, 'visits', 'snoozedUntil']) {
    const value = (stored as Record<string, unknown> | null | undefined)?.[key];
    record[key] = valid(value) ? value : 0;
  }
  return record as unknown as PromptRecord;
}

const db = keyval<unknown>('notiflows-prompt', 'memory');

// Users whose page view this page load has counted: module-wide, so two prompt elements (or
// one removed and added again) count one visit.
const counted = new Set<string>();

/** Options of {@link PromptMemory}. */
export interface PromptMemoryOptions {
  /** The user's hash (`userHashOf`): nothing else that names the user is stored. */
  user: string;
  /** Where records live; the `notiflows-prompt` IndexedDB database by default. */
  storage?: { run: Run };
  /** The clock, in ms since epoch; `Date.now` by default. */
  now?: () => number;
}

/**
 * One user's soft-prompt memory in this browser (per origin, as IndexedDB is). Each change is
 * one read-modify-write transaction, so tabs never lose each other's counts. Storage may fail
 * or time out: `visit()` then resolves to an empty record (which {@link decide} never shows
 * on), `shown()` to false, and the other counts are dropped; nothing here rejects.
 *
 * @example
 * const rules = promptRules({ afterVisits: 3 });
 * const memory = new PromptMemory({ user: await userHashOf(client) });
 * const decision = decide(rules, await memory.visit(), Date.now());
 * if (decision.show)
 *   setTimeout(async () => {
 *     if (await memory.shown(rules)) openPrompt(); // and memory.dismissed(rules.snoozeDays) on "Not now"
 *   }, decision.waitMs);
 */
export class PromptMemory {
  readonly #options: PromptMemoryOptions;

  constructor(options: PromptMemoryOptions) {
    this.#options = options;
  }

  /** Counts this page view, once per page load and user; resolves to the record after. */
  async visit(): Promise<PromptRecord> {
    const first = !counted.has(this.#options.user);
    counted.add(this.#options.user);
    return (await this.#change((r) => first && r.visits++)) ?? asRecord(0);
  }

  /**
   * Counts a show. Given the rules, it first checks them again against the stored record, as
   * another tab may have shown the prompt or been told "Not now" since this page view's
   * decision: nothing is counted then. Resolves to whether the show was counted (so may go on).
   */
  async shown(rules?: PromptRules): Promise<boolean> {
    let show = false;
    const after = await this.#change((r) => {
      show = !rules || decide(rules, r, (this.#options.now ?? Date.now)()).show;
      if (show) r.shows++;
    });
    return !!after && show;
  }

  /** Counts a press of the prompt's button to turn notifications on. */
  accepted(): Promise<PromptRecord | undefined> {
    return this.#change((r) => r.accepts++);
  }

  /** Counts a "Not now" and hides the prompt for `snoozeDays` days (invalid: the default). */
  dismissed(snoozeDays: number): Promise<PromptRecord | undefined> {
    return this.#change((r) => {
      r.dismissals++;
      r.snoozedUntil =
        (this.#options.now ?? Date.now)() + promptRules({ snoozeDays }).snoozeDays * 86_400_000;
    });
  }

  /** Counts the browser's permission answer that followed an accept. */
  permission(result: NotificationPermission): Promise<PromptRecord | undefined> {
    return this.#change((r) => r[result]++);
  }

  /** Changes the stored record in one transaction; the record after, or undefined if storage failed. */
  #change(change: (record: PromptRecord) => unknown): Promise<PromptRecord | undefined> {
    let record: PromptRecord;
    return update<unknown>(this.#options.storage ?? db, [this.#options.user], ([stored]) => {
      change((record = asRecord(stored)));
      return [record];
    }).then(
      () => record,
      () => undefined,
    );
  }
}

/**
 * The prompt's funnel in this browser: the sum over every user's record, or `user`'s alone
 * (a user hash). Rejects if IndexedDB fails (a `StorageTimeoutError` if it hangs).
 */
export async function promptStats({ user }: { user?: string } = {}): Promise<PromptStats> {
  const stored = user ? [await db.read(user)] : (await entries<unknown>(db)).map(([, v]) => v);
  const records = stored.map(asRecord);
  return Object.fromEntries(
    STATS.map((key) => [key, records.reduce((sum, record) => sum + record[key], 0)]),
  ) as unknown as PromptStats;
}
