import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';

declare global {
  interface Window {
    /**
     * Set by a test before the page loads (`{}`): every RenderCount then counts the commits of its
     * subtree under its id. Unset, RenderCount renders its children and nothing else.
     */
    __quorumRenderCounts?: Record<string, number>;
  }
}

// Read once: whether to count is decided before the first render and never changes.
const counts = typeof window === 'undefined' ? undefined : window.__quorumRenderCounts;

const record: ProfilerOnRenderCallback = (id) => {
  counts![id] = (counts![id] ?? 0) + 1;
};

/**
 * Counts how often a part of the page renders, for the browser test that checks a remote edit in
 * one slot renders only that slot. Uses React's Profiler (the build links React's profiling build
 * for it, see vite.config.ts), present only when a test asked for counts: in normal use there is
 * no Profiler in the tree and nothing is measured.
 */
export function RenderCount({ id, children }: { id: string; children: ReactNode }) {
  return counts ? (
    <Profiler id={id} onRender={record}>
      {children}
    </Profiler>
  ) : (
    children
  );
}
