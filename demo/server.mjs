// `npm run demo`: the vite dev server with the fake Notiflows mounted (placeholder until
// the demo issue lands: it serves demo/index.html and the fake API at /fake-api).
import { createServer } from 'vite';
import { getResponse } from 'msw';
import { importTs } from '../test/plugins/import-ts.mjs';

const { FakeNotiflows } = await importTs('src/testing/index.ts');
const fake = new FakeNotiflows({ baseUrl: '*/fake-api', developmentMode: true, users: ['demo-user'] });

const server = await createServer({
  configFile: false,
  root: new URL('.', import.meta.url).pathname,
  server: { port: Number(process.env.PORT) || 5173 },
  plugins: [{
    name: 'fake-notiflows',
    configureServer(vite) {
      vite.middlewares.use(async (req, res, next) => {
        if (!req.url.startsWith('/fake-api/')) return next();
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const request = new Request(new URL(req.url, `http://${req.headers.host}`), {
          method: req.method, headers: req.headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
        });
        const response = await getResponse(fake.handlers, request);
        if (!response) return next();
        res.statusCode = response.status;
        response.headers.forEach((v, k) => res.setHeader(k, v));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    },
  }],
});
await server.listen();
server.printUrls();
