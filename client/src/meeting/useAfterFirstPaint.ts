import { useEffect, useState } from 'react';

/** If no frame comes (a hidden tab renders none), the deferred parts come after this anyway. */
const NO_FRAME_FALLBACK_MS = 250;

/**
 * False on the first render, true once the browser has painted it: parts of the page that are
 * not the minutes (the outline with its per-slot dots, the decisions list, the threads) render
 * after the slot being opened is on screen and editable, instead of holding it back. Those parts
 * read every slot's text (summaries); the slot being opened reads only its own.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => setPainted(true);
    // A task after the next frame: that frame painted the first render.
    const frame = requestAnimationFrame(() => {
      clearTimeout(timer);
      timer = setTimeout(done, 0);
    });
    timer = setTimeout(done, NO_FRAME_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
