// A stand-in for Google's GCM registration service: with it, Chromium's real
// pushManager.subscribe() resolves offline (without it the promise never settles).
import http from 'node:http';

const varint = (n) => {
  const o = [];
  let v = BigInt(n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    o.push(b);
  } while (v);
  return o;
};
const fixed64 = (n) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return [...b];
};
// AndroidCheckinResponse { stats_ok(1)=true, time_msec(3), android_id(7, fixed64), security_token(8, fixed64) }
const checkinResponse = () =>
  Buffer.from([
    0x08,
    1,
    0x18,
    ...varint(Date.now()),
    0x39,
    ...fixed64(1234567890123n),
    0x41,
    ...fixed64(9876543210987n),
  ]);

export async function startFakeGcm({ host = '127.0.0.1', port = 0 } = {}) {
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      if (req.url.startsWith('/checkin')) {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' });
        res.end(checkinResponse());
      } else if (req.url.startsWith('/register')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(
          form.get('delete')
            ? `deleted=${form.get('app')}`
            : `token=fake-token-${process.pid}-${++n}`,
        );
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise((r) => server.listen(port, host, r));
  server.unref();
  const base = `http://${host}:${server.address().port}`;
  return {
    flags: [
      `--gcm-checkin-url=${base}/checkin`,
      `--gcm-registration-url=${base}/register`,
      '--gcm-mcs-endpoint=127.0.0.1:9',
    ],
  };
}
