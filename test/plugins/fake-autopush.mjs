// A loopback stand-in for Mozilla's autopush server: Firefox subscribes through it over
// WebSocket, and encrypted pushes POSTed to /push/<channelID> reach the browser for real.
import http from 'node:http';
import { randomUUID, randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';

export async function startFakeAutopush() {
  const sockets = new Set();
  const channels = new Set();
  let forceNewUaid = false;
  const server = http.createServer((req, res) => {
    const m = req.method === 'POST' && req.url.match(/^\/push\/([\w-]+)$/);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (!channels.has(m[1])) {
        res.writeHead(410).end();
        return;
      } // unsubscribed: gone
      const body = Buffer.concat(chunks);
      const msg = { messageType: 'notification', channelID: m[1], version: randomUUID() };
      if (body.length) {
        msg.data = body.toString('base64url');
        msg.headers = { encoding: req.headers['content-encoding'] };
      }
      for (const ws of sockets) ws.send(JSON.stringify(msg));
      res.writeHead(201).end();
    });
  });
  new WebSocketServer({ server }).on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.messageType === 'register') channels.add(msg.channelID);
      if (msg.messageType === 'unregister') channels.delete(msg.channelID);
      const reply = {
        hello: () => {
          const uaid = forceNewUaid || !msg.uaid ? randomBytes(16).toString('hex') : msg.uaid;
          forceNewUaid = false;
          return { messageType: 'hello', uaid, status: 200, use_webpush: true, broadcasts: {} };
        },
        register: () => ({
          messageType: 'register',
          channelID: msg.channelID,
          status: 200,
          pushEndpoint: `http://127.0.0.1:${server.address().port}/push/${msg.channelID}`,
        }),
        unregister: () => ({ messageType: 'unregister', channelID: msg.channelID, status: 200 }),
      }[msg.messageType];
      if (reply) ws.send(JSON.stringify(reply()));
      else if (msg.messageType === undefined) ws.send('{}'); // keep-alive ping
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  return {
    url: `ws://127.0.0.1:${server.address().port}/`,
    // Like a push service that lost its state: the browser reconnects, gets a new UAID,
    // drops every subscription and fires pushsubscriptionchange.
    reset() {
      forceNewUaid = true;
      channels.clear();
      for (const ws of sockets) ws.terminate();
    },
  };
}
