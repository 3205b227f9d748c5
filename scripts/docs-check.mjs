// `npm run docs:check` (and `npm run examples`, so `npm test`, after the build):
//   1. the committed reference is current: docs/reference/ is regenerated into a temporary
//      folder (scripts/docs-reference.mjs) and compared file by file;
//   2. every relative link and image of README.md and docs/**/*.md points at a file that
//      exists, and a `#fragment` at a heading of that page (GitHub's anchors).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReference, markdownIn, REFERENCE } from './docs-reference.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems = [];

// 1. The reference, regenerated.
const tmp = mkdtempSync(join(tmpdir(), 'notiflows-docs-'));
try {
  await generateReference(tmp, { quiet: true });
  const fresh = markdownIn(tmp);
  const committed = existsSync(REFERENCE) ? markdownIn(REFERENCE) : [];
  for (const file of new Set([...fresh, ...committed])) {
    const path = `docs/reference/${file}`;
    if (!committed.includes(file)) problems.push(`${path}: missing`);
    else if (!fresh.includes(file)) problems.push(`${path}: no longer generated`);
    else if (
      readFileSync(join(tmp, file), 'utf8') !== readFileSync(join(REFERENCE, file), 'utf8')
    ) {
      problems.push(`${path}: stale`);
    }
  }
  if (problems.length) problems.push('the reference is not current: run `npm run docs`');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// 2. Links.
const pages = ['README.md', ...markdownIn(join(root, 'docs')).map((f) => `docs/${f}`)];
const anchors = new Map(); // page -> Set of heading anchors
let links = 0;
for (const page of pages) {
  const lines = prose(readFileSync(join(root, page), 'utf8'));
  lines.forEach((line, i) => {
    for (const [, target] of line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
      links++;
      const [path, fragment] = target.split('#');
      const file = path
        ? join(dirname(join(root, page)), decodeURIComponent(path))
        : join(root, page);
      const where = `${page}:${i + 1}: ${target}`;
      if (!existsSync(file)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (fragment === undefined) continue;
      if (statSync(file).isDirectory() || !file.endsWith('.md')) {
        problems.push(`${where}: an anchor into something that is not a page`);
        continue;
      }
      const key = relative(root, file);
      if (!anchors.has(key)) anchors.set(key, headingAnchors(readFileSync(file, 'utf8')));
      if (!anchors.get(key).has(fragment)) problems.push(`${where}: no heading #${fragment}`);
    }
  });
}

for (const problem of problems) console.log(`  ✗ ${problem}`);
console.log(
  `docs-check: reference ${problems.some((p) => p.startsWith('docs/reference/')) ? 'STALE' : 'current'},` +
    ` ${links} relative links in ${pages.length} pages` +
    `${problems.length ? `: ${problems.length} problem(s)` : ', all resolve'}`,
);
process.exit(problems.length ? 1 : 0);

/** The page's lines with fenced code blocks and inline code blanked (their brackets are not links). */
function prose(text) {
  let fence = null;
  return text.split('\n').map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
      return '';
    }
    if (open) {
      fence = open[1];
      return '';
    }
    return line.replace(/(`+)[\s\S]*?\1/g, '');
  });
}

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
export function headingAnchors(text) {
  const seen = new Map();
  const found = new Set();
  let fence = null;
  for (const line of text.split('\n')) {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
      continue;
    }
    if (open) {
      fence = open[1];
      continue;
    }
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text
      .replace(/`/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    found.add(n ? `${slug}-${n}` : slug);
  }
  return found;
}
