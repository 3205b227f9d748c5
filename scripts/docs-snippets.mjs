// The docs' code, compiled: every ```ts, ```tsx, ```js and ```jsx block of README.md and
// docs/**/*.md (not docs/reference/, which is generated) is written to its own module under
// demo/consumer/snippets/ (ignored by git) and typechecked against the packed package in
// demo/node_modules/@notiflows/web-push, as a user who pastes it would get it. `npm run
// examples` runs this after unpacking the tarball (so `npm test` does); run it alone after
// `npm run build && npm run examples`.
//
// Programs (each a tsconfig.json written beside its files, so `npx tsc -p
// demo/consumer/snippets/dom` reproduces a failure):
//   - dom: ts/tsx, strict, DOM lib, moduleResolution bundler, React's JSX;
//   - dom-js, worker-js, node-js: js/jsx checked as JavaScript (`checkJs`, not strict: what an
//     editor reports in a .js file), with the DOM, WebWorker or Node (@types/node) globals;
//   - worker, node: ts blocks of those environments, strict.
// Unused names are allowed: a snippet shows a call, not a whole program.
//
// An HTML comment on the line right before a fence (invisible on GitHub and npm) says more:
//   <!-- snippet: declare const getUserKey: () => Promise<string>; -->
//       code prepended to the block (in its language), for the names a real page would have;
//   <!-- snippet worker -->, <!-- snippet node: import vue from '@vitejs/plugin-vue'; -->
//       the block runs in a service worker or in Node (the default is a page);
//   <!-- snippet skip: why -->
//       the block is deliberately not code that compiles on its own (a reason is required).
// Each error is reported at the Markdown file and line of the code (of the comment, for an
// error in a preamble).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'demo/consumer/snippets');
const CHECKED = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js', jsx: 'jsx' };
const ENVIRONMENTS = ['dom', 'worker', 'node'];

/** The Markdown files whose code is checked: the README and the hand-written docs. */
export function markdownFiles() {
  const files = ['README.md'];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (path !== 'docs/reference') walk(path);
      } else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  return files.sort();
}

/**
 * The fenced code blocks of one Markdown text: `{ lang, line, code, note, noteLine }`, `line`
 * being the 1-based line of the opening fence; `note` the `<!-- snippet … -->` comment that
 * ends on the line before it. Also returns the snippet comments attached to no block.
 */
export function codeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  const notes = new Map(); // end line (0-based) -> { body, line }
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i].indexOf('<!-- snippet');
    if (start < 0 || lines[i].trimStart() !== lines[i].slice(start)) continue;
    let j = i;
    while (j < lines.length && !lines[j].includes('-->')) j++;
    const body = lines
      .slice(i, j + 1)
      .join('\n')
      .slice(start + '<!--'.length)
      .replace(/-->\s*$/, '')
      .trim();
    notes.set(j, { body, line: i + 1 });
    i = j;
  }
  const used = new Set();
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) j++;
    const code = lines
      .slice(i + 1, j)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    const note = notes.get(i - 1);
    if (note) used.add(i - 1);
    blocks.push({
      lang: lang.toLowerCase(),
      line: i + 1,
      code,
      note: note?.body,
      noteLine: note?.line,
    });
    i = j;
  }
  const stray = [...notes].filter(([end]) => !used.has(end)).map(([, note]) => note.line);
  return { blocks, stray };
}

/** `snippet[ env][ skip][: text]` → `{ env, skip, preamble }`, or an error message. */
export function parseNote(note) {
  const m = /^snippet(?:\s+(dom|worker|node))?(?:\s+(skip))?\s*(?::([\s\S]*))?$/.exec(note);
  if (!m) return { error: `cannot read "<!-- ${note} -->" (see scripts/docs-snippets.mjs)` };
  const [, env = 'dom', skip, text = ''] = m;
  if (skip && !text.trim()) return { error: 'a skipped snippet needs a reason: snippet skip: why' };
  return { env, skip: Boolean(skip), preamble: skip ? '' : text.trim(), reason: text.trim() };
}

const base = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  moduleDetection: 'force', // every snippet is a module: no names shared between snippets
  isolatedModules: true,
  skipLibCheck: true, // the package's declarations are checked strictly by demo/consumer
  noEmit: true,
  types: [],
};
const programs = {
  dom: { ...base, strict: true, lib: ['ES2022', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx' },
  worker: { ...base, strict: true, lib: ['ES2022', 'WebWorker'] },
  node: { ...base, strict: true, lib: ['ES2022'], types: ['node'] },
};
for (const env of ENVIRONMENTS) {
  programs[`${env}-js`] = { ...programs[env], strict: false, allowJs: true, checkJs: true };
}

function main() {
  if (!existsSync(join(root, 'demo/node_modules/@notiflows/web-push/package.json'))) {
    console.log('docs-snippets: the packed package is not unpacked; run `npm run examples`');
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
  const files = {}; // program -> [{ name, md, line, preambleLines, noteLine, text }]
  const problems = [];
  let checked = 0;
  const skipped = [];
  const other = new Map();
  for (const md of markdownFiles()) {
    const { blocks, stray } = codeBlocks(readFileSync(join(root, md), 'utf8'));
    for (const line of stray) {
      problems.push(`${md}:${line}: a snippet comment must end on the line before a code block`);
    }
    for (const block of blocks) {
      const ext = CHECKED[block.lang];
      if (!ext) {
        if (block.note)
          problems.push(`${md}:${block.noteLine}: ${block.lang || 'a plain block'} is not checked`);
        other.set(block.lang || 'plain', (other.get(block.lang || 'plain') ?? 0) + 1);
        continue;
      }
      const note = block.note ? parseNote(block.note) : { env: 'dom', preamble: '' };
      if (note.error) {
        problems.push(`${md}:${block.noteLine}: ${note.error}`);
        continue;
      }
      if (note.skip) {
        skipped.push(`${md}:${block.line} (${note.reason})`);
        continue;
      }
      const program = ext.startsWith('j') ? `${note.env}-js` : note.env;
      const name = `${md.replace(/\.md$/, '').replace(/[^\w]+/g, '-')}-L${block.line}.${ext}`;
      const preambleLines = note.preamble ? note.preamble.split('\n').length : 0;
      const text = note.preamble ? `${note.preamble}\n${block.code}\n` : `${block.code}\n`;
      (files[program] ??= []).push({
        name,
        md,
        line: block.line,
        preambleLines,
        noteLine: block.noteLine,
        text,
      });
      checked++;
    }
  }

  for (const [program, list] of Object.entries(files)) {
    const dir = join(out, program);
    mkdirSync(dir, { recursive: true });
    for (const f of list) writeFileSync(join(dir, f.name), f.text);
    const config = { compilerOptions: programs[program], include: ['*'] };
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(dir, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => problems.push(format(d)),
      },
    );
    if (!parsed) continue;
    const tsProgram = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    for (const d of ts.getPreEmitDiagnostics(tsProgram)) {
      const f = d.file && list.find((x) => join(dir, x.name) === d.file.fileName);
      if (!f) {
        problems.push(format(d));
        continue;
      }
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      const where =
        line < f.preambleLines
          ? `${f.md}:${f.noteLine} (in the snippet comment)`
          : `${f.md}:${f.line + 1 + line - f.preambleLines}:${character + 1}`;
      problems.push(`${where}: TS${d.code}: ${message(d)}  [${relative(root, d.file.fileName)}]`);
    }
  }

  const others = [...other].map(([lang, n]) => `${n} ${lang}`).join(', ');
  for (const s of skipped) console.log(`  skipped ${s}`);
  for (const p of problems) console.log(`  ✗ ${p}`);
  console.log(
    `docs-snippets: ${checked} code blocks typechecked, ${skipped.length} skipped` +
      `${others ? ` (not TypeScript or JavaScript: ${others})` : ''}` +
      `${problems.length ? `; ${problems.length} problem(s)` : ''}`,
  );
  if (problems.length) process.exit(1);
}

function message(d) {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n').replace(/\n/g, '\n      ');
}
function format(d) {
  const where = d.file ? `${relative(root, d.file.fileName)}: ` : '';
  return `${where}TS${d.code}: ${message(d)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
