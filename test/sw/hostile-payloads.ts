// Payloads a push can carry that must each still end in exactly one safe notification.
const nest = (depth: number, open: string, close: string, core = '1') => open.repeat(depth) + core + close.repeat(depth);
const t = (extra: Record<string, unknown>) => JSON.stringify({ title: 'T', ...extra });

export const HOSTILE_PAYLOADS: string[] = [
  '', ' ', '\n', 'null', 'true', 'false', '0', '-1', '1e309', '"just a string"', '[]', '[{"title":"in an array"}]', '{}',
  'not json at all', '{"title":', '{"title":"unterminated', '\u0000\u0001\u0002\u0003', '\uFFFD\uFFFD\uFFFD', 'ÿþ\u0000t\u0000i',
  '<script>alert(1)</script>', '{"title":"x"}garbage', '{"title":"dup","title":5}',
  t({ title: 5 }), t({ title: null }), t({ title: '' }), t({ title: '    ' }), t({ title: { nested: true } }), t({ title: ['x'] }),
  t({ body: 123 }), t({ body: { a: 1 } }), t({ title: 'x'.repeat(10_000) }), t({ body: 'y'.repeat(12_000) }),
  'z'.repeat(20_000), JSON.stringify({ title: 'T', body: 'b'.repeat(17_000) }),
  t({ action_url: 'javascript:alert(1)' }), t({ action_url: 'JaVaScRiPt:alert(1)' }), t({ action_url: ' javascript:alert(1)' }),
  t({ action_url: 'java\tscript:alert(1)' }), t({ action_url: 'data:text/html,<script>alert(1)</script>' }),
  t({ action_url: 'vbscript:msgbox(1)' }), t({ action_url: 'file:///etc/passwd' }), t({ action_url: 'blob:https://x/1' }),
  t({ action_url: 'http://[::1' }), t({ action_url: 42 }), t({ action_url: { href: 'https://x' } }),
  t({ icon: 'javascript:alert(1)', image: 'data:image/png;base64,AAAA', badge: 'ftp://x/b.png' }),
  t({ actions: 'not a list' }), t({ actions: [null, 1, 'x', {}] }),
  t({ actions: [{ action: 'a', title: 'Open', navigate: 'javascript:alert(1)' }, { action: 'b', title: 'Evil', url: 'data:,x' }] }),
  t({ actions: Array.from({ length: 100 }, (_, i) => ({ action: `a${i}`, title: `A${i}` })) }),
  t({ tag: { a: 1 }, dir: 'sideways', lang: 'x'.repeat(500), silent: 'yes', renotify: 'maybe' }),
  t({ data: { big: 'd'.repeat(10_000) } }), t({ data: nest(50, '{"a":', '}') }),
  nest(10_000, '[', ']'), nest(3_000, '{"a":', '}'), `{"title":"deep","data":${nest(2_000, '[', ']')}}`,
  '{"web_push":8030}', '{"web_push":8030,"notification":"x"}', '{"web_push":"8030","notification":{"title":"string marker"}}',
  JSON.stringify({ web_push: 8030, notification: { title: 'D', navigate: 'javascript:alert(1)', actions: [{ title: 'x', navigate: 'data:,1' }] } }),
  JSON.stringify({ web_push: 8030, notification: { navigate: 'https://example.test/' } }),
  t({ app_badge: -1 }), t({ app_badge: 1.5 }), t({ app_badge: '3' }), t({ app_badge: 1e12 }),
  '{"__proto__":{"polluted":true},"title":"proto"}', '{"constructor":{"prototype":{"polluted":true}},"title":"ctor"}',
  t({ title: '<img src=x onerror=alert(1)>', body: '<b>bold</b>' }), t({ title: 'مرحبا بالعالم', dir: 'rtl', lang: 'ar' }),
  '{"title":"\\ud800 lone surrogate"}', t({ title: '\u202Eevil.exe' }),
];
