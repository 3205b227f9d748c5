// The built example apps (`npm run examples`), served by the demo server next to the demo:
// demo/react/dist under /react/ and demo/vue/dist under /vue/. They call the same customer
// backend (/demo/config, /demo/user-key) and the same fake Notiflows as the demo page.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Answers a request for /react/… or /vue/…; returns false for any other URL. */
export function serveExampleApp(url, res) {
  const match = /^\/(react|vue)(\/.*)?$/.exec(url.pathname);
  if (!match) return false;
  const [, app, path] = match;
  if (!path) {
    res.statusCode = 302;
    res.setHeader('location', `/${app}/${url.search}`);
    res.end();
    return true;
  }
  const dist = fileURLToPath(new URL(`./${app}/dist/`, import.meta.url));
  const file = normalize(join(dist, path.endsWith('/') ? `${path}index.html` : path));
  const found = file.startsWith(dist) && existsSync(file) && statSync(file).isFile();
  if (!found) {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    const built = existsSync(dist) ? '' : ` (demo/${app}/dist is missing: run npm run examples)`;
    res.end(`Not found: ${url.pathname}${built}`);
    return true;
  }
  res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.end(readFileSync(file));
  return true;
}
