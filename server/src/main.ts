import { createQuorumServer } from './app.ts';
import { ConfigError, configFromProcessEnv } from './config.ts';
import { releaseYoungGeneration } from './startupHeap.ts';

/** The process (index.ts loads it): configuration from the environment, signals, fatal errors. */
async function main(): Promise<void> {
  let config;
  try {
    config = configFromProcessEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const server = await createQuorumServer({ config });
  const port = await server.listen();
  releaseYoungGeneration();
  server.log.info({ port, host: config.host, dataDir: config.dataDir }, `Quorum listening on http://${config.host}:${port}`);

  const stop = (signal: string) => {
    server.log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('Quorum failed to start:', error);
  process.exit(1);
});
