// Starts a worker thread from TypeScript source (see workerEntry.ts): registers tsx in this thread,
// then loads the entry named in workerData and hands its default export to Piscina.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.entry);
export default entry.default;
