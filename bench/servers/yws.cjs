'use strict';
/**
 * Bench launcher: the reference y-websocket server (y-websocket@1.5.4's bin/utils, installed as
 * y-websocket-ref), wired exactly like its bin/server.js. In memory, or with YPERSISTENCE=<dir>
 * (LevelDB) when the bench sets it.
 */
const http = require('node:http');
const path = require('node:path');
// The server's own ws version (its bin/server.js requires it from beside itself).
const utilsPath = require.resolve('y-websocket-ref/bin/utils');
const WebSocket = require(require.resolve('ws', { paths: [path.dirname(utilsPath)] }));
const { startMonitor, announceReady } = require('./monitor.cjs');

startMonitor();
const { setupWSConnection } = require(utilsPath);
const wss = new WebSocket.Server({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT || 0), '127.0.0.1', () => announceReady(server.address().port));
process.once('SIGTERM', () => process.exit(0));
