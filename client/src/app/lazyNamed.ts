import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A component loaded on first use from its own chunk (React.lazy for a named export). The meeting
 * page's first slot waits for the code it runs: pages and panels it does not show at open (the
 * meeting list, account, archive, exports, the agenda editor, versions, finalisation…) are not
 * in the code the browser must download, parse and evaluate before it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
