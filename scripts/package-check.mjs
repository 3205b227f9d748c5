// In `npm run lint` (after the build): the packed tarball, as the registry would serve it,
// checked by the ecosystem's own tools.
//   - publint: package.json fields, exports and files agree with what is packed;
//   - Are The Types Wrong (attw): every entry resolves to JavaScript and to its types under
//     node16 (from ESM) and bundler resolution. The package is ESM only, so the profile
//     `esm-only` leaves out node10 and require() from CommonJS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (!existsSync(join(root, 'dist/types/sw/api.d.ts'))) {
  console.error('package-check: no dist/types; run `npm run build` first');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'notiflows-check-'));
let failed = false;
try {
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const tarball = join(tmp, filename);
  for (const [name, args] of [
    ['publint', ['run', tarball, '--strict']],
    ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(name), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`package-check: ${name} ✓`);
    } catch (error) {
      failed = true;
      console.error(`package-check: ${name} ✗\n${error.stdout}${error.stderr}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
