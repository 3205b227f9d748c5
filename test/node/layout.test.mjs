// The site's layout of the preference center, decided from data alone (issue 21): sections
// in the site's order, the rest after them, hidden ones out, ids and names both found,
// unknown references reported, texts per locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrange, layoutText, requiredIds } from '../../dist/headless.js';

const prefs = {
  channel_types: { email: true },
  notiflows: {
    a: { name: 'Alpha', enabled: true, channel_types: { email: true } },
    b: { name: 'Beta', enabled: true, channel_types: { email: true } },
    c: { name: 'Gamma', enabled: false, channel_types: { email: true } },
    d: { enabled: true, channel_types: { email: true } }, // no name: found by id only
  },
};
const ids = (sections) => sections.map((s) => [s.title ?? null, s.rows.map((r) => r.id)]);

test('no layout: one untitled section in the API order', () => {
  assert.deepEqual(ids(arrange(prefs, undefined, 'en').sections), [[null, ['a', 'b', 'c', 'd']]]);
});

test('sections in the site order, by name or id, each notiflow once; the rest after; hidden out', () => {
  const { sections, unknown } = arrange(
    prefs,
    {
      sections: [
        { title: 'First', notiflows: ['Gamma', 'a', 'Alpha'] }, // Alpha twice: shown once
        { title: 'Empty', notiflows: ['Nope'] }, // nothing known: no section
      ],
      notiflows: { d: { hidden: true }, Ghost: { required: true } },
    },
    'en',
  );
  assert.deepEqual(ids(sections), [
    ['First', ['c', 'a']],
    [null, ['b']],
  ]);
  assert.deepEqual(unknown.sort(), ['Ghost', 'Nope']);
});

test('descriptions and required by name; a hidden required notiflow is still never written', () => {
  const layout = {
    notiflows: {
      Beta: { required: true, description: 'Why' },
      c: { hidden: true, required: true },
    },
  };
  const rows = arrange(prefs, layout, 'en').sections.flatMap((s) => s.rows);
  assert.deepEqual(
    rows.find((r) => r.id === 'b'),
    { id: 'b', description: 'Why', required: true },
  );
  assert.deepEqual(requiredIds(prefs, layout).sort(), ['b', 'c']);
});

test('texts per locale: exact, then the language, then English, then the first given', () => {
  const t = { en: 'Orders', fr: 'Commandes', 'pt-BR': 'Pedidos' };
  assert.equal(layoutText(t, 'fr-CA'), 'Commandes');
  assert.equal(layoutText(t, 'pt-BR'), 'Pedidos');
  assert.equal(layoutText(t, 'de'), 'Orders');
  assert.equal(layoutText({ es: 'Pedidos' }, 'de'), 'Pedidos');
  assert.equal(layoutText('Plain', 'fr'), 'Plain');
});
