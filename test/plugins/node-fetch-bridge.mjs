// Node's http request ⇄ fetch Request/Response, so msw handlers can answer real HTTP
// (the test server's middleware and the demo server both use it).
export async function toFetchRequest(req, url = req.url) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  return new Request(new URL(url, `http://${req.headers.host}`), {
    method: req.method,
    headers,
    body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
  });
}

export async function sendFetchResponse(res, response) {
  if (response.type === 'error') {
    // a dropped connection, on purpose
    res.socket?.destroy();
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await response.arrayBuffer()));
}
