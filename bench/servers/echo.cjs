'use strict';
/**
 * Bench launcher: the network floor. A raw `ws` server that forwards every message to the other
 * sockets on the same path and does nothing else (no Yjs, no state, no storage).
 */
const http = require('node:http');
const path = require('node:path');
// The product's ws (the one Quorum serves with), not a peer's copy from bench/node_modules.
const { WebSocketServer } = require(require.resolve('ws', { paths: [path.join(__dirname, '..', '..')] }));
const { startMonitor, announceReady } = require('./monitor.cjs');

startMonitor();
const rooms = new Map();
const server = http.createServer((_request, response) => response.end('okay'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket, request) => {
  const name = request.url || '/';
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  room.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of room) if (other !== socket && other.readyState === 1) other.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    room.delete(socket);
    if (room.size === 0) rooms.delete(name);
  });
  socket.on('error', () => {});
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => announceReady(server.address().port));
process.once('SIGTERM', () => process.exit(0));
