import { expect } from '@open-wc/testing';
import { clickTarget } from '../../sw/click.js';
import { DEFAULT_FALLBACK, parsePush } from '../../sw/payload.js';
import { HOSTILE_PAYLOADS } from './hostile-payloads.js';

const ORIGIN = 'https://shop.example.test';
const isHttp = (u: string) => /^https?:\/\//.test(u);

function urlsOf(push: ReturnType<typeof parsePush>): string[] {
  const { icon, image, badge, data } = push.options;
  return [
    icon,
    image,
    badge,
    data.url,
    ...Object.values(data.actions ?? {}),
    ...(push.options.actions ?? []).map((a) => a.icon),
  ].filter((u): u is string => typeof u === 'string');
}

describe('parsePush', () => {
  it('reads the Notiflows payload', () => {
    const push = parsePush(
      JSON.stringify({
        title: 'Order shipped',
        body: 'Arrives Tuesday',
        icon: '/icon.png',
        image: 'https://cdn.example.test/i.png',
        action_url: '/orders/17',
        tag: 'order-17',
        badge: '/badge.png',
        data: { id: 17 },
        app_badge: 3,
        actions: [{ action: 'track', title: 'Track', url: '/track/17' }],
      }),
      ORIGIN,
    );
    expect(push.valid).to.equal(true);
    expect(push.title).to.equal('Order shipped');
    expect(push.options).to.deep.include({
      body: 'Arrives Tuesday',
      icon: `${ORIGIN}/icon.png`,
      image: 'https://cdn.example.test/i.png',
      tag: 'order-17',
      badge: `${ORIGIN}/badge.png`,
    });
    expect(push.options.data).to.deep.equal({
      notiflows: 1,
      url: `${ORIGIN}/orders/17`,
      data: { id: 17 },
      actions: { track: `${ORIGIN}/track/17` },
    });
    expect(push.options.actions).to.deep.equal([{ action: 'track', title: 'Track' }]);
    expect(push.appBadge).to.equal(3);
  });

  it('reads the Declarative Web Push payload', () => {
    const push = parsePush(
      JSON.stringify({
        web_push: 8030,
        app_badge: 0,
        notification: {
          title: 'Hi',
          navigate: 'https://example.test/x',
          body: 'B',
          lang: 'fr',
          dir: 'ltr',
          silent: true,
          tag: 't',
          actions: [{ action: 'a', title: 'Go', navigate: '/a' }],
        },
      }),
      ORIGIN,
    );
    expect(push.valid).to.equal(true);
    expect(push.title).to.equal('Hi');
    expect(push.options).to.deep.include({
      body: 'B',
      lang: 'fr',
      dir: 'ltr',
      silent: true,
      tag: 't',
    });
    expect(push.options.data.url).to.equal('https://example.test/x');
    expect(push.options.data.actions).to.deep.equal({ a: `${ORIGIN}/a` });
    expect(push.appBadge).to.equal(0);
  });

  it('13. tells a Notiflows push from a site’s own: empty and blank-title ones are ours', () => {
    const ours = (raw: string | null) => parsePush(raw, ORIGIN).ours;
    expect(ours(null), 'no payload').to.equal(true);
    expect(ours('  '), 'a blank payload').to.equal(true);
    expect(ours(JSON.stringify({ title: ' ', body: 'Shipped' })), 'blank title').to.equal(true);
    expect(ours(JSON.stringify({ action_url: '/orders/1' }))).to.equal(true);
    expect(ours(JSON.stringify({ web_push: 8030, notification: { title: '' } }))).to.equal(true);
    expect(ours('a message of the site'), 'plain text').to.equal(false);
    expect(ours(JSON.stringify({ type: 'chat', text: 'hi' })), 'another JSON shape').to.equal(
      false,
    );
  });

  it('shows the given fallback text for an unusable payload', () => {
    const fallback = { title: 'Nouvelle notification', body: 'Ouvrez pour voir.' };
    for (const raw of [null, '', 'nope', '[]', '{"title": 3}']) {
      const push = parsePush(raw, ORIGIN, fallback);
      expect(push.title, String(raw)).to.equal(fallback.title);
      expect(push.valid).to.equal(false);
    }
    expect(parsePush(undefined, ORIGIN).title).to.equal(DEFAULT_FALLBACK.title);
  });

  it(`turns each of ${HOSTILE_PAYLOADS.length} hostile payloads into one safe notification`, () => {
    expect(HOSTILE_PAYLOADS.length).to.be.at.least(50);
    for (const raw of HOSTILE_PAYLOADS) {
      const push = parsePush(raw, ORIGIN);
      const label = raw.slice(0, 60);
      expect(push.title, label).to.be.a('string').and.not.equal('');
      expect(push.title.length, label).to.be.at.most(256);
      expect((push.options.body ?? '').length, label).to.be.at.most(1024);
      for (const url of urlsOf(push)) expect(isHttp(url), `${label} kept ${url}`).to.equal(true);
      expect(push.options.actions?.length ?? 0, label).to.be.at.most(4);
      expect(() => structuredClone(push.options.data), label).not.to.throw();
      expect(
        push.appBadge === undefined || (Number.isInteger(push.appBadge) && push.appBadge >= 0),
        label,
      ).to.equal(true);
    }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('parsePush data limits', () => {
  it('drops data nested deeper than browsers can store, keeps shallow data', () => {
    const deep = JSON.parse('['.repeat(2000) + ']'.repeat(2000));
    expect(
      parsePush(JSON.stringify({ title: 'T', data: deep }), ORIGIN).options.data.data,
    ).to.equal(undefined);
    expect(
      parsePush(JSON.stringify({ title: 'T', data: { a: { b: [1, 2] } } }), ORIGIN).options.data
        .data,
    ).to.deep.equal({ a: { b: [1, 2] } });
  });
});

describe('parsePush edges (issue 9)', () => {
  it('keeps action ids that name Object.prototype members, and routes clicks to them', () => {
    const ids = ['constructor', 'toString', '__proto__'];
    const push = parsePush(
      JSON.stringify({
        title: 'T',
        actions: ids.map((action) => ({
          action,
          title: action,
          url: `/${action.replace(/_/g, '')}`,
        })),
      }),
      ORIGIN,
    );
    expect(push.options.actions!.map((a) => a.action)).to.deep.equal(ids);
    const data = structuredClone(push.options.data); // as the browser stores it
    for (const id of ids)
      expect(clickTarget(data, id, `${ORIGIN}/`, ORIGIN)).to.equal(
        `${ORIGIN}/${id.replace(/_/g, '')}`,
      );
    expect(clickTarget(data, 'hasOwnProperty', `${ORIGIN}/`, ORIGIN)).to.equal(`${ORIGIN}/`);
  });

  it('never cuts a surrogate pair when shortening the title', () => {
    const title = `${'a'.repeat(255)}😀tail`;
    const push = parsePush(JSON.stringify({ title }), ORIGIN);
    expect(push.title).to.equal('a'.repeat(255));
    expect(push.title).not.to.match(/[\uD800-\uDBFF]$/);
    expect(parsePush(JSON.stringify({ title: `${'a'.repeat(254)}😀` }), ORIGIN).title).to.equal(
      `${'a'.repeat(254)}😀`,
    );
  });

  it('same-origin mode drops links that leave the site, protocol-relative and backslash tricks included', () => {
    const links = ['//evil.example/x', '/\\evil.example/x', 'https://evil.example/x', '/orders/1'];
    for (const url of links) {
      const open = parsePush(JSON.stringify({ title: 'T', action_url: url }), ORIGIN).options.data
        .url;
      const strict = parsePush(
        JSON.stringify({ title: 'T', action_url: url }),
        ORIGIN,
        undefined,
        true,
      ).options.data.url;
      expect(open, url).to.be.a('string'); // default: any http(s) link (documented)
      expect(strict, url).to.equal(url === '/orders/1' ? `${ORIGIN}/orders/1` : undefined);
    }
    expect(clickTarget({ url: 'https://evil.example/' }, '', `${ORIGIN}/`, ORIGIN, true)).to.equal(
      `${ORIGIN}/`,
    );
  });
});
