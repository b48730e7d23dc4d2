import { runSoak } from '../tests/helpers/soak.ts';

/**
 * `npm run soak [-- <rounds>]`: the SIGKILL soak (default 100 rounds). Kills a real server process
 * at random moments while clients type (every other round during the graceful shutdown that a
 * SIGTERM started); after each round the store passes check-store and every
 * acknowledged (or seen) paragraph is present exactly once. Exit 1 on the first broken promise.
 */
const rounds = Number(process.argv[2] ?? process.env.SOAK_ROUNDS ?? 100);
const started = Date.now();
try {
  const report = await runSoak({ rounds, killDuringShutdown: true, log: (line) => console.log(line) });
  console.log(`SOAK OK: ${report.rounds} SIGKILL rounds (${report.killedDuringShutdown} during a shutdown) in ${Math.round((Date.now() - started) / 1000)} s; ${report.written} paragraphs written, ${report.promised} promised, ${report.survived} survived`);
  process.exit(0);
} catch (error) {
  console.error(`SOAK FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
