import { expect } from '@open-wc/testing';
import { clickTarget, focusOrOpen, type WindowLike } from '../../sw/click.js';

const ORIGIN = 'https://shop.example.test';
const DEFAULT = `${ORIGIN}/`;

function fakeClients(windows: (WindowLike & { log: string[] })[]) {
  const opened: string[] = [];
  return {
    opened,
    clients: {
      matchAll: async () => windows,
      openWindow: async (url: string) => {
        opened.push(url);
        return null;
      },
    },
  };
}
function win(url: string, navigable: boolean) {
  const w: WindowLike & { log: string[] } = {
    url,
    log: [],
    focus: async () => {
      w.log.push('focus');
      return w;
    },
    navigate: async (to: string) => {
      if (!navigable) throw new TypeError('not controlled');
      w.log.push(`navigate ${to}`);
      return w;
    },
  };
  return w;
}

describe('click routing', () => {
  describe('clickTarget', () => {
    const data = {
      notiflows: 1,
      url: `${ORIGIN}/orders/1`,
      actions: { track: `${ORIGIN}/track/1`, evil: 'javascript:alert(1)' },
    };
    it('prefers the action URL', () =>
      expect(clickTarget(data, 'track', DEFAULT, ORIGIN)).to.equal(`${ORIGIN}/track/1`));
    it('falls back to the notification URL', () =>
      expect(clickTarget(data, '', DEFAULT, ORIGIN)).to.equal(`${ORIGIN}/orders/1`));
    it('skips an unsafe action URL', () =>
      expect(clickTarget(data, 'evil', DEFAULT, ORIGIN)).to.equal(`${ORIGIN}/orders/1`));
    it('falls back to the default URL', () =>
      expect(clickTarget({ notiflows: 1 }, 'x', `${ORIGIN}/inbox`, ORIGIN)).to.equal(
        `${ORIGIN}/inbox`,
      ));
    it('15. with same-origin links, a default URL of another origin is dropped too', () =>
      expect(clickTarget({ notiflows: 1 }, '', 'https://evil.example/x', ORIGIN, true)).to.equal(
        DEFAULT,
      ));
    it('survives missing or hostile data', () => {
      for (const d of [
        null,
        undefined,
        'x',
        5,
        { url: 'javascript:alert(1)' },
        { actions: 'x' },
        { url: { toString: () => 'javascript:1' } },
      ]) {
        expect(clickTarget(d, 'a', 'javascript:alert(2)', ORIGIN)).to.equal(DEFAULT);
      }
    });
  });

  describe('focusOrOpen', () => {
    it('focuses a window already at the URL', async () => {
      const exact = win(`${ORIGIN}/orders/1`, false);
      const { clients, opened } = fakeClients([win(`${ORIGIN}/`, true), exact]);
      expect(await focusOrOpen(clients, `${ORIGIN}/orders/1`, ORIGIN)).to.equal('focused');
      expect(exact.log).to.deep.equal(['focus']);
      expect(opened).to.deep.equal([]);
    });

    it('navigates and focuses a same-origin window it controls', async () => {
      const other = win(`${ORIGIN}/home`, true);
      const { clients, opened } = fakeClients([other]);
      expect(await focusOrOpen(clients, `${ORIGIN}/orders/1`, ORIGIN)).to.equal('navigated');
      expect(other.log).to.deep.equal([`navigate ${ORIGIN}/orders/1`, 'focus']);
      expect(opened).to.deep.equal([]);
    });

    it('opens a window when same-origin windows cannot be navigated (own scope)', async () => {
      const { clients, opened } = fakeClients([win(`${ORIGIN}/home`, false)]);
      expect(await focusOrOpen(clients, `${ORIGIN}/orders/1`, ORIGIN)).to.equal('opened');
      expect(opened).to.deep.equal([`${ORIGIN}/orders/1`]);
    });

    it('never navigates a site window to another origin', async () => {
      const home = win(`${ORIGIN}/home`, true);
      const { clients, opened } = fakeClients([home]);
      expect(await focusOrOpen(clients, 'https://elsewhere.example.test/x', ORIGIN)).to.equal(
        'opened',
      );
      expect(home.log).to.deep.equal([]);
      expect(opened).to.deep.equal(['https://elsewhere.example.test/x']);
    });

    it('opens a window when there is none', async () => {
      const { clients, opened } = fakeClients([]);
      expect(await focusOrOpen(clients, `${ORIGIN}/x`, ORIGIN)).to.equal('opened');
      expect(opened).to.deep.equal([`${ORIGIN}/x`]);
    });
  });
});
