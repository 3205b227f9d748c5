import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { LOCALES, loadStrings } from '../../src/i18n/localize.js';
import { keyPaths, pack, unpack } from '../../src/i18n/packed.js';

// Every locale says everything English says, with the same placeholders.
const leaves = (o: object, prefix = ''): [string, unknown][] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? leaves(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} is complete: every string of en, non-empty, same placeholders`, async () => {
      const strings = new Map(leaves(await loadStrings(locale)));
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

  it('ships packed: every locale unpacks to itself on English key paths; a mismatch is refused', async () => {
    for (const locale of LOCALES) {
      const strings = await loadStrings(locale);
      expect(keyPaths(strings), locale).to.deep.equal(keyPaths(en));
      expect(unpack(pack(strings), en), locale).to.deep.equal(strings);
    }
    const fr = pack(await loadStrings('fr'));
    expect(() => unpack(fr.slice(0, -1), en), 'a string missing').to.throw('does not match');
    const { title: _dropped, ...rest } = en; // one key fewer, one other key: same count
    const another = pack({
      ...rest,
      channel: { ...en.channel, emails: 'x' },
    } as unknown as typeof en);
    expect(another.length, 'same count, other keys').to.equal(fr.length);
    expect(() => unpack(another, en), 'another version').to.throw('does not match');
  });
});
