import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { LOCALES, loadStrings } from '../../src/i18n/localize.js';

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
});
