import { holdYoungGeneration } from './startupHeap.ts';

// Process entry. The server's modules are imported only after the young generation's growth is
// held (see startupHeap.ts): a static import would load and parse all of them before any line here.
holdYoungGeneration();
await import('./main.ts');
