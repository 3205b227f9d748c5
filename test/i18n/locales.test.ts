import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../src/define.js';
import { NotiflowsError } from '../../src/api/errors.js';
import { pushCard } from '../../src/components/push-card.js';
import { EN_PARTS, en } from '../../src/i18n/en.js';
import { enDevices } from '../../src/i18n/en/devices.js';
import { enPreferences } from '../../src/i18n/en/preferences.js';
import { enPrompt } from '../../src/i18n/en/prompt.js';
import { enPush } from '../../src/i18n/en/push.js';
import { fr as frSource } from '../../src/i18n/fr.js';
import { loadStrings } from '../../src/i18n/load-strings.js';
import { LOCALES, englishOf, type Strings } from '../../src/i18n/localize.js';
import { keyPaths, pack, unpack, type PackedStrings } from '../../src/i18n/packed.js';
import type { NotiflowsPush } from '../../src/index.js';
import type { PushHint, PushState } from '../../src/push/environment.js';
import type { PushSubscriber } from '../../src/push/push-subscriber.js';

// Every locale says everything English says, with the same placeholders.
const leaves = (o: object, prefix = ''): [string, unknown][] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? leaves(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** The strings of `strings` that `part` has. */
const partOf = (strings: object, part: object) =>
  Object.fromEntries(Object.keys(part).map((k) => [k, (strings as Record<string, unknown>)[k]]));
/** An element's strings so far (protected `text`). */
const textOf = (el: Element) => (el as unknown as { text: Strings }).text;

describe('locales', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} is complete: every string of en, non-empty, same placeholders`, async () => {
      const strings = new Map(leaves(await loadStrings(locale, EN_PARTS)));
      for (const [key, english] of leaves(en)) {
        const text = strings.get(key);
        expect(text, `${locale}: ${key}`).to.be.a('string').and.not.equal('');
        expect(placeholders(text as string), `${locale}: ${key} placeholders`).to.deep.equal(
          placeholders(english as string),
        );
      }
      expect(
        [...strings.keys()].filter((k) => !leaves(en).some(([e]) => e === k)),
        `${locale}: keys en does not have`,
      ).to.deep.equal([]);
    });
  }

  it('English is in parts, one per element or lazy part: no key in two, together all of en', () => {
    const paths = EN_PARTS.flatMap((part) => keyPaths(part));
    expect(new Set(paths).size, 'a key in two parts').to.equal(paths.length);
    expect(paths.sort()).to.deep.equal(keyPaths(en));
  });

  it('ships packed in parts: each part unpacks alone to its own strings; a mismatch is refused', async () => {
    for (const locale of LOCALES) {
      const strings = await loadStrings(locale, EN_PARTS);
      expect(keyPaths(strings), locale).to.deep.equal(keyPaths(en));
      const packed = pack(strings, EN_PARTS);
      expect(unpack(packed, EN_PARTS), locale).to.deep.equal(strings);
      for (const part of EN_PARTS)
        expect(unpack(packed, [part]), `${locale}, one part`).to.deep.equal(partOf(strings, part));
    }
    const fr = pack(await loadStrings('fr', EN_PARTS), EN_PARTS);
    const pushAt = fr.findIndex((s) => s.length === keyPaths(enPush).length + 1);
    const cut = fr.map((s, i) => (i === pushAt ? s.slice(0, -1) : s));
    expect(() => unpack(cut, [enPush]), 'a string missing').to.throw('does not match');
    expect(unpack(cut, [enPrompt]), 'another part is still whole').to.deep.equal(
      partOf(frSource, enPrompt),
    );
    const { pushHeading: _dropped, ...rest } = enPush; // one key fewer, one other key: same count
    const another = pack({ ...en, ...rest, testPushes: 'x' } as unknown as Strings, [
      { ...rest, testPushes: 'x' },
    ]);
    expect(another[0].length, 'same count, other keys').to.equal(fr[pushAt].length);
    expect(() => unpack(another, [enPush]), 'another version').to.throw('does not match');
  });

  it('the built locale file unpacks for an element with only some parts (dist/i18n/fr.js)', async () => {
    const url = '/dist/i18n/fr.js'; // built by `npm run build`, as the tests' worker is
    const { fr } = (await import(/* @vite-ignore */ url)) as { fr: PackedStrings };
    expect(unpack(fr, [enPush]), 'the push card').to.deep.equal(partOf(frSource, enPush));
    expect(unpack(fr, [enPush, enPrompt]), 'the push card and the prompt').to.deep.equal({
      ...partOf(frSource, enPush),
      ...partOf(frSource, enPrompt),
    });
    expect(unpack(fr, [enDevices]), '"Your devices"').to.deep.equal(partOf(frSource, enDevices));
  });

  it('each element carries its parts of English only, "Your devices" with its lazy part', async () => {
    const wrap = await fixture(
      html`<div>
        <notiflows-push locale="en"></notiflows-push>
        <notiflows-push-prompt locale="en"></notiflows-push-prompt>
        <notiflows-preferences locale="en"></notiflows-preferences>
      </div>`,
    );
    const [push, prompt, panel] = [...wrap.children];
    expect(keyPaths(textOf(push))).to.deep.equal(keyPaths(enPush));
    expect(keyPaths(textOf(prompt))).to.deep.equal(keyPaths({ ...enPush, ...enPrompt }));
    expect(keyPaths(textOf(panel))).to.deep.equal(keyPaths({ ...enPush, ...enPreferences }));
  });

  it('a push-only element in French says it in French; a site overrides any string on it', async () => {
    // No channel: a configuration error, shown without a project.
    const el = await fixture<NotiflowsPush>(
      html`<notiflows-push locale="fr" api-key="pk_test_x" user-id="alice"></notiflows-push>`,
    );
    el.strings = { error: { invalid_config: 'Mal configuré' }, title: 'Préférences' };
    const error = console.error;
    console.error = () => undefined;
    try {
      await waitUntil(
        () => el.shadowRoot!.querySelector('[part~=error]')?.textContent?.includes('Mal configuré'),
        'the override is not shown',
        { timeout: 8_000 },
      );
      el.strings = undefined;
      await waitUntil(
        () =>
          el.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim() ===
          frSource.error.invalid_config,
        'not in French',
      );
    } finally {
      console.error = error;
    }
  });

  it('the push card renders every state, hint and test outcome from the push English alone', () => {
    const states: PushState[] = [
      'unsupported',
      'ios-needs-install',
      'prompt',
      'denied',
      'subscribing',
      'subscribed',
      'unsubscribed',
      'error',
    ];
    const hints: (PushHint | undefined)[] = [
      undefined,
      ...(Object.keys(enPush.pushHint) as PushHint[]),
    ];
    const text = englishOf([enPush]) as unknown as typeof enPush;
    const root = document.createElement('div');
    for (const state of states)
      for (const hint of hints)
        for (const tested of [undefined, 'sent' as const, new NotiflowsError('other', 'x')]) {
          const push = { state, hint, error: new NotiflowsError('network_error', 'x') };
          render(
            html`${pushCard({
              push: push as unknown as PushSubscriber,
              prefs: { channel_types: { web_push: false } } as never,
              text,
              devices: () => html`<p>devices</p>`,
              locale: 'en',
              errorText: (e) => text.error[e.code] ?? text.error.other,
              enable: () => undefined,
              disable: () => undefined,
              test: () => undefined,
              tested,
              focusAfter: () => undefined,
            })}`,
            root,
          );
          expect(root.textContent, `${state} ${hint} ${String(tested)}`).to.not.include(
            'undefined',
          );
        }
  });
});

describe('a locale already loaded, then offline', () => {
  it('a second French element mounted offline is still French (nothing to fetch)', async () => {
    const textOf = (el: Element) => (el as unknown as { text: Strings }).text;
    const first = await fixture('<notiflows-push locale="fr"></notiflows-push>');
    await waitUntil(() => textOf(first).pushHeading === frSource.pushHeading, 'not in French');
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    try {
      const second = await fixture('<notiflows-push locale="fr"></notiflows-push>');
      await new Promise((r) => setTimeout(r, 300));
      expect(textOf(second).pushHeading).to.equal(frSource.pushHeading);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // the prototype's getter again
    }
  });
});
