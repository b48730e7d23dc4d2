import type * as Y from 'yjs';
import { readConfirmations, type Confirmation } from '../../../shared/src/model/confirmations.ts';
import { readThreads, threadsMap, type ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { DerivedStore, watchDeep, type ReadableStore } from './store.ts';

/** The review doc as the page reads it: threads and confirmations, each from its own map. */
export class ReviewStores {
  readonly threads: ReadableStore<ThreadData[]>;
  readonly confirmations: ReadableStore<Map<string, Confirmation>>;

  constructor(readonly doc: Y.Doc) {
    const threads = threadsMap(doc);
    this.threads = new DerivedStore(() => readThreads(doc), watchDeep(threads));
    this.confirmations = new DerivedStore(() => readConfirmations(doc), watchDeep(doc.getMap('confirmations')));
  }
}
