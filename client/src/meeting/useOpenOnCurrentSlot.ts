import { useEffect, useRef } from 'react';

/** Phones and tablets: the width below which the workspace is one column (styles.css). */
export const SMALL_SCREEN_QUERY = '(max-width: 900px)';

/**
 * On a small screen the meeting opens on the slot running now (the writing mode): the outline and
 * the panels come after the minutes there, and a delegate in the room wants the current minutes,
 * not two screens of buttons. Once per page, and not when a link already names a slot (#slot-…).
 */
export function useOpenOnCurrentSlot(currentId: string | null, jump: (slotId: string) => void): void {
  const done = useRef(false);
  useEffect(() => {
    // Only on opening: a slot that starts later while someone writes must not move the page.
    if (done.current) return;
    done.current = true;
    if (!currentId || location.hash || !window.matchMedia(SMALL_SCREEN_QUERY).matches) return;
    jump(currentId);
  }, [currentId, jump]);
}
