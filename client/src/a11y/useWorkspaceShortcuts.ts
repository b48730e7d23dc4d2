import { useEffect, useRef } from 'react';

/**
 * Keyboard shortcuts of the meeting page (Alt+Shift+key, chosen not to collide with the editor's
 * Ctrl shortcuts, the browser's or screen readers'; `code` so they work with any keyboard layout
 * and input method):
 *   N / P  next / previous agenda slot (focus lands on the slot's heading)
 *   J      the slot happening now
 *   O      the agenda outline
 *   C      the comment box (the text selected in the minutes stays the comment's target)
 * Listened for in the capture phase, so they also work from inside an editor.
 */
export const SHORTCUTS = { next: 'KeyN', previous: 'KeyP', now: 'KeyJ', outline: 'KeyO', comment: 'KeyC' } as const;

export function useWorkspaceShortcuts({ sectionIds, currentId, onJump }: { sectionIds: string[]; currentId: string | null; onJump: (slotId: string) => void }): void {
  const latest = useRef({ sectionIds, currentId, onJump });
  latest.current = { sectionIds, currentId, onJump };
  const lastJumped = useRef<string | null>(null);

  useEffect(() => {
    const jump = (id: string) => {
      lastJumped.current = id;
      latest.current.onJump(id);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
      const { sectionIds: ids, currentId: now } = latest.current;
      const section = (document.activeElement as HTMLElement | null)?.closest?.('section.slot');
      const here = section?.id.replace(/^slot-/, '') ?? lastJumped.current;
      const index = here ? ids.indexOf(here) : -1;
      switch (event.code) {
        case SHORTCUTS.next:
          if (ids.length) jump(ids[Math.min(ids.length - 1, index + 1)]!);
          break;
        case SHORTCUTS.previous:
          if (ids.length) jump(ids[Math.max(0, index - 1)]!);
          break;
        case SHORTCUTS.now:
          if (now) jump(now);
          break;
        case SHORTCUTS.outline:
          document.querySelector<HTMLElement>('nav.outline a[aria-current], nav.outline a')?.focus();
          break;
        case SHORTCUTS.comment:
          document.querySelector<HTMLElement>('[data-testid="thread-new-text"]')?.focus();
          break;
        default:
          return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
