import { expect, waitUntil } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/define.js';
import { logout, NotiflowsClient } from '../../src/headless.js';
import type { NotiflowsPreferences } from '../../src/index.js';
import { PushSubscriber } from '../../src/push/push-subscriber.js';
import { clearPushScope, command, createProject, hasPush, type Project } from '../helpers.js';
import { checked, switchNamed } from '../components/element-helpers.js';

// A model-based test of the whole lifecycle (issue 9): random sequences of toggles, user
// switches, element removal, a second tab of another user, enable / logout and network
// faults, with the invariants checked after every step. `npm run test:model` runs more.

const USERS = ['alice', 'bob', 'carol'] as const;
type User = (typeof USERS)[number];
const CHANNELS = { email: 'Email', sms: 'SMS' } as const;
type Channel = keyof typeof CHANNELS;

interface Model {
  user: User;
  mounted: boolean;
  /** Who owns this browser's subscription: the last user who enabled it, until a logout. */
  owner?: User;
  /** The last value each user saw on screen for each switch they turned. */
  seen: Partial<Record<User, Partial<Record<Channel, boolean>>>>;
  toggles: number;
  mounts: number;
}

interface Real {
  project: Project;
  scope: string;
  keys: Record<User, string>;
  el?: NotiflowsPreferences;
  host: HTMLElement;
  tabs: PushSubscriber[];
  /** Who the site has signed in: what its stable `userKeyProvider` returns a key for. */
  signedIn: User;
  provider: () => Promise<string>;
  /** Calls of the provider so far, and how many of the next ones throw (the site's key endpoint is down). */
  providerCalls: number;
  providerFailures: number;
  /** Makes each key the page sets a fresh one, as a page that signs a user in again gets. */
  keySerial: number;
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** Every command checks the invariants after it ran. */
const checked_ = <C extends Cmd>(c: C): C => {
  const run = c.run.bind(c);
  c.run = async (m, r) => {
    const calls = r.providerCalls;
    await run(m, r);
    // A step asks the site for a key a few times at most: a loop of provider calls is a bug.
    expect(r.providerCalls - calls, `provider calls in "${c}"`).to.be.at.most(6);
    await invariants(m, r);
  };
  return c;
};

/** A fresh key for `user` (another `iat`, so another string). */
const freshKey = (r: Real, user: User) =>
  r.project.sign(user, { issuedAt: Math.floor(Date.now() / 1000) - ++r.keySerial });

async function mountFor(r: Real, m: Model, user: User) {
  const el = document.createElement('notiflows-preferences');
  r.signedIn = user;
  Object.assign(el, {
    apiKey: r.project.apiKey,
    apiUrl: r.project.apiUrl,
    userKeyProvider: r.provider,
    locale: 'en', // a stable provider, as docs/guide/frameworks.md recommends
    channelId: r.project.channelId,
    vapidPublicKey: r.project.vapidPublicKey,
    serviceWorkerScope: r.scope,
  });
  r.host.append(el);
  r.el = el;
  m.mounts++;
  await loaded(el, user);
}

/** Waits for the panel of `user`; a load error (the provider failed) is retried with its button, as a user would. */
async function loaded(el: NotiflowsPreferences, user: User) {
  await waitUntil(
    () => !!el.preferences || !!el.shadowRoot?.querySelector('[part~=error] button'),
    `${user}'s panel neither loaded nor failed`,
    { timeout: 15_000 },
  );
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=error] button')?.click();
  await waitUntil(
    () =>
      !!el.preferences &&
      !!el.shadowRoot?.querySelector('[role=switch]') &&
      !!el.pushState &&
      el.pushState !== 'subscribing',
    `${user}'s panel did not load`,
    { timeout: 15_000 },
  );
}

class Toggle implements Cmd {
  constructor(readonly channel: Channel) {}
  check = (m: Readonly<Model>) => m.mounted;
  async run(m: Model, r: Real) {
    const name = `${CHANNELS[this.channel]} — all notifications`;
    await waitUntil(
      () => !!r.el!.shadowRoot!.querySelector(`[aria-label="${name}"]`),
      `no switch ${name}`,
      { timeout: 5000 },
    );
    const s = switchNamed(r.el!, name);
    const value = !checked(s);
    s.click();
    await r.el!.updateComplete;
    expect(checked(switchNamed(r.el!, `${CHANNELS[this.channel]} — all notifications`))).to.equal(
      value,
    );
    (m.seen[m.user] ??= {})[this.channel] = value;
    m.toggles++;
  }
  toString = () => `toggle ${this.channel}`;
}

class SwitchUser implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => m.mounted && m.user !== this.user;
  async run(m: Model, r: Real) {
    r.signedIn = this.user;
    r.el!.userKey = await freshKey(r, this.user);
    m.user = this.user;
    await r.el!.updateComplete; // the rebuild happens in the update; until then the old user's view shows
    await waitUntil(
      () => !!r.el!.preferences && r.el!.pushState !== 'subscribing',
      'the new user did not load',
      { timeout: 15_000 },
    );
  }
  toString = () => `user → ${this.user}`;
}

/** The site signs another user in; its provider (the same function) now returns their key. */
class SignInViaProvider implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => m.mounted && m.user !== this.user;
  async run(m: Model, r: Real) {
    const loads = async () =>
      (await r.project.requests()).filter(
        (q) => q.method === 'GET' && q.user === this.user && q.status === 200,
      ).length;
    const before = await loads();
    r.signedIn = this.user;
    // A `user-key` set earlier stays: the provider's user must win over it, without a loop.
    await r.el!.updateComplete;
    // The old key stops working: the next request's 401 asks the provider, which names another sub.
    await r.project.fail({ status: 401, method: 'GET', path: '/preferences' });
    r.el!.reload();
    m.user = this.user;
    // A load of this user's preferences that happened after the switch, and the panel showing it.
    await waitUntil(
      async () =>
        (await loads()) > before && !!r.el!.preferences && r.el!.pushState !== 'subscribing',
      `the panel did not switch to ${this.user}`,
      { timeout: 15_000 },
    );
    await r.el!.updateComplete;
    await r.project.clearFaults(); // the 401 may have gone to an earlier request
  }
  toString = () => `provider → ${this.user}`;
}

class Remove implements Cmd {
  check = (m: Readonly<Model>) => m.mounted;
  async run(m: Model, r: Real) {
    r.el!.remove();
    r.el = undefined;
    m.mounted = false;
  }
  toString = () => 'remove';
}

class Mount implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => !m.mounted;
  async run(m: Model, r: Real) {
    m.user = this.user;
    m.mounted = true;
    await mountFor(r, m, this.user);
  }
  toString = () => `mount ${this.user}`;
}

class Enable implements Cmd {
  check = (m: Readonly<Model>) => m.mounted;
  async run(m: Model, r: Real) {
    expect(await r.el!.enablePush()).to.equal('subscribed');
    m.owner = m.user;
  }
  toString = () => 'enable push';
}

class Logout implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    if (r.el) await r.el.logout();
    else await logout({ serviceWorkerScope: r.scope }); // a sign-out button on a page without the panel
    m.owner = undefined;
  }
  toString = () => 'logout';
}

/** The site's key endpoint fails once; the panel is mounted then, so its first load fails. */
class MountWhileProviderFails implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => !m.mounted;
  async run(m: Model, r: Real) {
    r.providerFailures = 1;
    m.user = this.user;
    m.mounted = true;
    await mountFor(r, m, this.user);
  }
  toString = () => `mount ${this.user}, provider fails once`;
}

/** Sign-out, and the site signs another user in before the panel's `logout()` has finished. */
class LogoutRacingSwitch implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => m.mounted && m.user !== this.user;
  async run(m: Model, r: Real) {
    const key = await freshKey(r, this.user);
    const done = r.el!.logout();
    r.signedIn = this.user;
    r.el!.userKey = key;
    await done;
    m.owner = undefined;
    m.user = this.user;
    await r.el!.updateComplete;
    await loaded(r.el!, this.user);
  }
  toString = () => `logout racing user → ${this.user}`;
}

/** Sign-out; then the site's provider returns another user's key and the panel reloads. */
class LogoutThenProvider implements Cmd {
  constructor(readonly user: User) {}
  check = (m: Readonly<Model>) => m.mounted && m.user !== this.user;
  async run(m: Model, r: Real) {
    await r.el!.logout();
    m.owner = undefined;
    const before = (await r.project.requests()).length;
    r.signedIn = this.user;
    m.user = this.user;
    r.el!.reload();
    await waitUntil(
      async () =>
        (await r.project.requests())
          .slice(before)
          .some((q) => q.method === 'GET' && q.user === this.user && q.status === 200),
      `the panel did not load ${this.user} after the sign-out`,
      { timeout: 15_000 },
    );
    await r.el!.updateComplete;
    await loaded(r.el!, this.user);
    const signedOut = (await r.project.requests())
      .slice(before)
      .filter((q) => q.user !== this.user);
    expect(
      signedOut.map((q) => `${q.method} ${q.path} as ${q.user}`),
      'after logout()',
    ).to.deep.equal([]);
  }
  toString = () => `logout, provider → ${this.user}`;
}

class OtherTabFocus implements Cmd {
  constructor(readonly user: User) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    // Another tab, signed in as `user`, becomes visible: it reconciles.
    const client = new NotiflowsClient({
      apiKey: r.project.apiKey,
      apiUrl: r.project.apiUrl,
      userKey: r.keys[this.user],
    });
    const tab = new PushSubscriber({
      client,
      channelId: r.project.channelId,
      vapidPublicKey: r.project.vapidPublicKey,
      serviceWorkerScope: r.scope,
    });
    r.tabs.push(tab);
    await tab.reconcile();
    tab.dispose();
  }
  toString = () => `tab of ${this.user} focused`;
}

class Fault implements Cmd {
  constructor(readonly kind: '503' | '429' | 'drop' | '401') {}
  check = () => true;
  async run(_m: Model, r: Real) {
    await r.project.fail(
      this.kind === 'drop'
        ? { drop: true, method: 'PUT' }
        : this.kind === '429'
          ? { status: 429, retryAfter: 1, method: 'PUT' }
          : { status: Number(this.kind), method: 'PUT' },
    );
  }
  toString = () => `next PUT: ${this.kind}`;
}

/** The invariants, checked after every step. */
async function invariants(m: Model, r: Real) {
  const snapshot = await r.project.snapshot();
  // A change made by X is only ever sent with X's key.
  const madeBy = (user: string, channel: string) =>
    Object.hasOwn(m.seen[user as User] ?? {}, channel);
  for (const req of snapshot.requests.filter((q) => q.method === 'PUT' && q.user)) {
    for (const channel of Object.keys(
      (req.body as { channel_types?: object })?.channel_types ?? {},
    )) {
      expect(
        madeBy(req.user!, channel),
        `${req.user} was sent a change to ${channel} they never made`,
      ).to.equal(true);
    }
  }
  // This browser's subscription is on the server for at most one user: the owner.
  const holders = snapshot.users.filter((u) => u.subscriptions.length).map((u) => u.external_id);
  expect(holders, 'subscription holders').to.deep.equal(m.owner ? [m.owner] : []);
  // Retries stay bounded: at most 6 writes per change, plus one re-send per load.
  const puts = snapshot.requests.filter((q) => q.method === 'PUT').length;
  expect(puts, 'writes').to.be.at.most(6 * m.toggles + m.mounts);
}

const commands = [
  fc.constantFrom<Channel>('email', 'sms').map((c) => checked_(new Toggle(c))),
  fc.constantFrom(...USERS).map((u) => checked_(new SwitchUser(u))),
  fc.constantFrom(...USERS).map((u) => checked_(new SignInViaProvider(u))),
  fc.constant(null).map(() => checked_(new Remove())),
  fc.constantFrom(...USERS).map((u) => checked_(new Mount(u))),
  ...(hasPush ? [fc.constant(null).map(() => checked_(new Enable()))] : []), // WebKitGTK: no Push API
  fc.constant(null).map(() => checked_(new Logout())),
  fc.constantFrom(...USERS).map((u) => checked_(new MountWhileProviderFails(u))),
  fc.constantFrom(...USERS).map((u) => checked_(new LogoutRacingSwitch(u))),
  fc.constantFrom(...USERS).map((u) => checked_(new LogoutThenProvider(u))),
  fc.constantFrom(...USERS).map((u) => checked_(new OtherTabFocus(u))),
  fc
    .constantFrom<'503' | '429' | 'drop' | '401'>('503', '429', 'drop', '401')
    .map((k) => checked_(new Fault(k))),
];

describe('lifecycle model (fast-check)', function () {
  this.timeout(600_000);
  before(() => command('grant-notifications'));

  it('no change crosses users, one owner per device, nothing lost once the network heals', async () => {
    const runs = await command<number>('model-runs');
    const started = Date.now();
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 12, size: '+1' }), async (cmds) => {
        const project = await createProject({ users: [...USERS] });
        const scope = `/notiflows-push/model-${Math.random().toString(36).slice(2)}/`;
        const host = document.body.appendChild(document.createElement('div'));
        const keys = Object.fromEntries(
          await Promise.all(USERS.map(async (u) => [u, await project.sign(u)])),
        ) as Record<User, string>;
        const m: Model = { user: 'alice', mounted: true, seen: {}, toggles: 0, mounts: 0 };
        const r: Real = {
          project,
          scope,
          keys,
          host,
          tabs: [],
          signedIn: 'alice',
          provider: async () => {
            r.providerCalls++;
            if (r.providerFailures > 0 && r.providerFailures--)
              throw new Error('the site could not sign a key');
            return keys[r.signedIn];
          },
          providerCalls: 0,
          providerFailures: 0,
          keySerial: 0,
        };
        try {
          await mountFor(r, m, 'alice');
          await fc.asyncModelRun(() => ({ model: m, real: r }), cmds);
          steps += [...cmds].length;
          // The network heals: every user's server preferences become what they last saw.
          await project.clearFaults();
          r.el?.remove();
          for (const user of USERS) {
            if (!m.seen[user]) continue;
            m.user = user;
            await mountFor(r, m, user);
            await waitUntil(
              async () => {
                const prefs = (await project.snapshot()).users.find(
                  (u) => u.external_id === user,
                )!.preferences;
                return Object.entries(m.seen[user]!).every(
                  ([c, v]) => prefs.channel_types[c] === v,
                );
              },
              `${user}'s last choices did not reach the server`,
              { timeout: 15_000 },
            );
            r.el!.remove();
          }
          await invariants(m, r);
        } catch (error) {
          console.log(`[model] failed: ${(error as Error).message}`); // the reason, beside fast-check's counterexample
          throw error;
        } finally {
          r.el?.remove();
          host.remove();
          await clearPushScope(scope);
          await project.dispose();
        }
      }),
      { numRuns: runs, endOnFailure: true },
    );
    console.log(
      `[model] ${runs} runs, ${steps} steps in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
