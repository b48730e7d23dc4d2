'use strict';
// `node --require bench/servers/monitor-preload.cjs dist/server/index.js`: the in-process monitor
// (monitor.cjs) in a server that has no bench launcher, i.e. the production entry itself.
if (typeof process.send === 'function') require('./monitor.cjs').startMonitor();
