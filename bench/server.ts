// The loopback server, run as a child process so it does not share the benchmark's
// event loop. It reads each request body, answers by shape, and reports its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answers, jsonHeaders, shapeOf } from './shapes.js';

const encoded = Object.fromEntries(Object.entries(answers).map(([name, { status, body }]) => [name, { status, body: Buffer.from(body) }]));

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const shape = shapeOf(request.method ?? '', new URL(request.url ?? '/', 'http://x').pathname);
    const answer = shape && encoded[shape];
    if (!answer) {
      response.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    response.writeHead(answer.status, { ...jsonHeaders, 'content-length': answer.body.length }).end(answer.body);
  });
});
server.keepAliveTimeout = 60_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
// The parent going away, however it ends, ends the server.
process.on('disconnect', () => process.exit(0));
