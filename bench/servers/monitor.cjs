'use strict';
/**
 * Runs inside every server under test (Quorum and the peers alike), so that event-loop delay,
 * CPU and memory are measured the same way everywhere. The bench talks to it over the Node IPC
 * channel that `spawn(..., { stdio: [..., 'ipc'] })` opens:
 *   { cmd: 'reset' }  -> restarts the event-loop-delay histogram and the CPU counter
 *   { cmd: 'stats', gc?: true } -> { eld: {p50, p99, max} ms, rss, heapUsed, maxRss, cpuMs }
 * The launcher prints `BENCH_READY <port>` on stdout once it listens.
 */
const { monitorEventLoopDelay } = require('node:perf_hooks');

function startMonitor() {
  // 10 ms resolution would hide the 1-5 ms stalls that make up light-load latency.
  // The histogram records the whole interval between two ticks of a `resolution` ms timer; the
  // delay is what exceeds the resolution, so it is subtracted when reporting.
  const RESOLUTION_MS = 5;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let cpuStart = process.cpuUsage();
  let peakRss = process.memoryUsage().rss;
  // process.resourceUsage().maxRSS is the lifetime peak; a sampled peak can be reset per step.
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  }, 50);
  sampler.unref();

  process.on('message', (message) => {
    if (!message || typeof message !== 'object') return;
    if (message.cmd === 'reset') {
      histogram.reset();
      cpuStart = process.cpuUsage();
      peakRss = process.memoryUsage().rss;
      process.send({ cmd: 'reset', id: message.id });
      return;
    }
    if (message.cmd === 'stats') {
      if (message.gc && typeof global.gc === 'function') {
        global.gc();
        global.gc();
      }
      const cpu = process.cpuUsage(cpuStart);
      const memory = process.memoryUsage();
      const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100);
      process.send({
        cmd: 'stats',
        id: message.id,
        eld: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        peakRss: Math.max(peakRss, memory.rss),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      });
    }
  });
  // The bench closes the channel when it is done with us: exit rather than linger.
  process.on('disconnect', () => process.exit(0));
}

function announceReady(port) {
  process.stdout.write(`BENCH_READY ${port}\n`);
}

module.exports = { startMonitor, announceReady };
