import { expect } from '@open-wc/testing';
import { promisifyRequest } from 'idb-keyval';
import { keyval, StorageTimeoutError } from '../../src/internal/idb.js';
import {
  decide,
  DEFAULT_PROMPT_RULES,
  PromptMemory,
  promptRules,
  promptStats,
  type PromptRecord,
  type PromptRules,
} from '../../src/push/prompt-memory.js';

const DAY = 86_400_000;
const EMPTY: PromptRecord = {
  visits: 0,
  snoozedUntil: 0,
  shows: 0,
  accepts: 0,
  dismissals: 0,
  granted: 0,
  denied: 0,
  default: 0,
};
const record = (fields: Partial<PromptRecord>): PromptRecord => ({ ...EMPTY, ...fields });

describe('decide', () => {
  const now = 1_000 * DAY;
  const no = (reason: string) => ({ show: false, reason });
  const yes = (waitMs = 5000) => ({ show: true, waitMs });
  const cases: [string, Partial<PromptRules>, Partial<PromptRecord>, unknown][] = [
    ['first page view, default rules', {}, { visits: 1 }, no('visits')],
    ['second page view: after the delay', {}, { visits: 2 }, yes()],
    ['a later page view, no delay', { delayMs: 0 }, { visits: 9 }, yes(0)],
    ['afterVisits 1: the first page view', { afterVisits: 1 }, { visits: 1 }, yes()],
    ['afterVisits 0: the first page view too', { afterVisits: 0 }, { visits: 1 }, yes()],
    ['a page view not counted (storage failed)', { afterVisits: 0 }, { visits: 0 }, no('visits')],
    ['snoozed until a later time', {}, { visits: 3, snoozedUntil: now + 1 }, no('snoozed')],
    ['the snooze is over', {}, { visits: 3, snoozedUntil: now }, yes()],
    ['one show left', {}, { visits: 9, shows: 2 }, yes()],
    ['max-shows reached', {}, { visits: 9, shows: 3 }, no('max-shows')],
    ['max-shows lowered since', { maxShows: 1 }, { visits: 9, shows: 3 }, no('max-shows')],
    ['maxShows 0: never', { maxShows: 0 }, { visits: 9 }, no('max-shows')],
    ['max-shows before snoozed', {}, { shows: 3, snoozedUntil: now + 1 }, no('max-shows')],
    ['snoozed before visits', {}, { visits: 1, snoozedUntil: now + 1 }, no('snoozed')],
  ];
  for (const [name, rules, fields, expected] of cases)
    it(name, () => {
      expect(decide(promptRules(rules), record(fields), now)).to.deep.equal(expected);
    });
});

describe('promptRules', () => {
  it('takes the defaults for what is missing or invalid, and keeps valid numbers, 0 included', () => {
    expect(promptRules()).to.deep.equal(DEFAULT_PROMPT_RULES);
    expect(
      promptRules({ afterVisits: NaN, delayMs: -1, snoozeDays: Infinity, maxShows: null }),
    ).to.deep.equal(DEFAULT_PROMPT_RULES);
    expect(promptRules({ afterVisits: 1, delayMs: 0, snoozeDays: 0, maxShows: 0 })).to.deep.equal({
      afterVisits: 1,
      delayMs: 0,
      snoozeDays: 0,
      maxShows: 0,
    });
    expect(promptRules({ delayMs: 1500 })).to.deep.equal({
      ...DEFAULT_PROMPT_RULES,
      delayMs: 1500,
    });
  });

  it('returns a copy: changing it leaves the defaults alone', () => {
    promptRules().maxShows = 99;
    expect(DEFAULT_PROMPT_RULES.maxShows).to.equal(3);
  });
});

describe('PromptMemory', () => {
  // A second connection to the module's database, as another tab (or an older version) has.
  const raw = keyval<unknown>('notiflows-prompt', 'memory');
  // Page views count once per page load and user, and a test cannot reload the page: each
  // test takes users of its own. Real ones are SHA-256 hex; the shape does not matter here.
  const newUser = () => crypto.randomUUID();
  const rules = DEFAULT_PROMPT_RULES;

  // Emptied rather than deleted: the module keeps its connection open (idb-keyval does not
  // close on `versionchange`), so deleteDatabase() would stay blocked until the page closes.
  beforeEach(() => raw.run('readwrite', (s) => promisifyRequest(s.clear())));

  it('counts a page view once per page load and user, whatever the number of elements', async () => {
    const [alice, bob] = [newUser(), newUser()];
    const first = new PromptMemory({ user: alice });
    expect(await first.visit()).to.deep.equal(record({ visits: 1 }));
    expect((await first.visit()).visits).to.equal(1);
    // A second element on the page, and two more at once.
    expect((await new PromptMemory({ user: alice }).visit()).visits).to.equal(1);
    const both = await Promise.all([1, 2].map(() => new PromptMemory({ user: alice }).visit()));
    expect(both.map((r) => r.visits)).to.deep.equal([1, 1]);
    // Another user of the same page counts on their own.
    expect((await new PromptMemory({ user: bob }).visit()).visits).to.equal(1);
    expect(await raw.read(alice)).to.deep.equal(record({ visits: 1 }));
    expect(await raw.read(bob)).to.deep.equal(record({ visits: 1 }));
  });

  it('counts the next page load again, and that page view may show', async () => {
    const user = newUser();
    expect(decide(rules, await new PromptMemory({ user }).visit(), 0)).to.deep.equal({
      show: false,
      reason: 'visits',
    });
    // A fresh instance of the module is what the next page load runs.
    const url = new URL('../../src/push/prompt-memory.ts?next-page', import.meta.url).href;
    const next: typeof import('../../src/push/prompt-memory.js') = await import(url);
    const after = await new next.PromptMemory({ user }).visit();
    expect(after.visits).to.equal(2);
    expect(decide(rules, after, 0)).to.deep.equal({ show: true, waitMs: 5000 });
  });

  it('snoozes after "Not now" on its clock, and shows again when the snooze is over', async () => {
    const user = newUser();
    await raw.write(user, record({ visits: 1 }));
    let now = 1_000 * DAY;
    const memory = new PromptMemory({ user, now: () => now });
    expect(decide(rules, await memory.visit(), now).show).to.equal(true);
    expect(await memory.shown(rules)).to.equal(true);
    const dismissed = await memory.dismissed(7);
    expect(dismissed).to.deep.equal(
      record({ visits: 2, shows: 1, dismissals: 1, snoozedUntil: now + 7 * DAY }),
    );
    now += 7 * DAY - 1;
    expect(decide(rules, dismissed!, now)).to.deep.equal({ show: false, reason: 'snoozed' });
    // A page loaded before the "Not now" (another tab) is refused when its delay is over.
    expect(await memory.shown(rules)).to.equal(false);
    now += 1;
    expect(await memory.shown(rules)).to.equal(true);
    expect(await raw.read(user)).to.deep.include({ shows: 2, dismissals: 1 });
  });

  it('does not snooze with snoozeDays 0, and snoozes the default days for an invalid one', async () => {
    const user = newUser();
    const memory = new PromptMemory({ user, now: () => 5 });
    await raw.write(user, record({ visits: 1 }));
    const after = await memory.dismissed(0);
    expect(after).to.deep.include({ dismissals: 1, snoozedUntil: 5 });
    expect(decide(rules, await memory.visit(), 5)).to.deep.equal({ show: true, waitMs: 5000 });
    expect(await memory.dismissed(NaN)).to.deep.include({
      dismissals: 2,
      snoozedUntil: 5 + 7 * DAY,
    });
  });

  it('refuses a show past maxShows when given the rules, and counts any show without them', async () => {
    const user = newUser();
    const memory = new PromptMemory({ user });
    await memory.visit();
    const twice = promptRules({ afterVisits: 1, maxShows: 2 });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await memory.shown(twice));
    expect(answers).to.deep.equal([true, true, false]);
    expect(await memory.shown()).to.equal(true);
    expect((await raw.read(user)) as PromptRecord).to.include({ shows: 3 });
  });

  it('counts every concurrent change, from this tab and from another connection', async () => {
    const user = newUser();
    const here = new PromptMemory({ user });
    const there = new PromptMemory({ user, storage: keyval('notiflows-prompt', 'memory') });
    const results = await Promise.all([
      here.shown(),
      here.shown(),
      there.shown(),
      here.accepted(),
      there.permission('granted'),
      here.permission('denied'),
      there.dismissed(1),
    ]);
    expect(results.slice(0, 3)).to.deep.equal([true, true, true]);
    expect(await raw.read(user)).to.deep.include({
      shows: 3,
      accepts: 1,
      granted: 1,
      denied: 1,
      dismissals: 1,
    });
  });

  it('sums the funnel over all users, or gives one user’s', async () => {
    const [alice, bob] = [newUser(), newUser()];
    const a = new PromptMemory({ user: alice });
    const b = new PromptMemory({ user: bob });
    await a.shown();
    await a.accepted();
    await a.permission('granted');
    await a.shown();
    await b.shown();
    await b.dismissed(7);
    await b.shown();
    await b.accepted();
    await b.permission('default');
    await b.shown();
    await b.accepted();
    await b.permission('denied');
    expect(await promptStats()).to.deep.equal({
      shows: 5,
      accepts: 3,
      dismissals: 1,
      granted: 1,
      denied: 1,
      default: 1,
    });
    expect(await promptStats({ user: alice })).to.deep.equal({
      shows: 2,
      accepts: 1,
      dismissals: 0,
      granted: 1,
      denied: 0,
      default: 0,
    });
    const { visits: _visits, snoozedUntil: _snoozed, ...noStats } = EMPTY;
    expect(await promptStats({ user: newUser() })).to.deep.equal(noStats);
  });

  it('reads corrupted or foreign stored values as 0, and stores only its own fields back', async () => {
    const [user, other, junk] = [newUser(), newUser(), newUser()];
    await raw.write(user, {
      visits: '4',
      shows: -1,
      accepts: NaN,
      dismissals: Infinity,
      granted: 2,
      denied: null,
      default: 1,
      snoozedUntil: 'tomorrow',
      email: 'alice@example.com',
    });
    await raw.write(other, 'not a record');
    await raw.write(junk, null);
    expect(await promptStats()).to.deep.equal({
      shows: 0,
      accepts: 0,
      dismissals: 0,
      granted: 2,
      denied: 0,
      default: 1,
    });
    const after = await new PromptMemory({ user }).visit();
    expect(after).to.deep.equal(record({ visits: 1, granted: 2, default: 1 }));
    expect(await raw.read(user)).to.deep.equal(after);
    expect(await new PromptMemory({ user: other }).visit()).to.deep.equal(record({ visits: 1 }));
  });

  it('resolves without storage: nothing shows, nothing rejects', async () => {
    const started = Date.now();
    const wedged = {
      run: () =>
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new StorageTimeoutError('IndexedDB did not answer')), 50),
        ),
    };
    const memory = new PromptMemory({ user: newUser(), storage: wedged });
    const visit = await memory.visit();
    expect(visit).to.deep.equal(EMPTY);
    expect(decide(promptRules({ afterVisits: 1 }), visit, Date.now()).show).to.equal(false);
    expect(await memory.shown()).to.equal(false);
    expect(await memory.shown(rules)).to.equal(false);
    expect(await memory.accepted()).to.equal(undefined);
    expect(await memory.dismissed(7)).to.equal(undefined);
    expect(await memory.permission('granted')).to.equal(undefined);
    expect(Date.now() - started).to.be.below(5_000);
    const failing = { run: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')) };
    expect(await new PromptMemory({ user: newUser(), storage: failing }).visit()).to.deep.equal(
      EMPTY,
    );
  });
});
