import { useCallback, useRef, useState } from 'react';

/**
 * The size of the element the canvas fills, kept current as the window is resized. A
 * callback ref, because the element appears only once the stages have loaded.
 */
export function useCanvasSize<T extends HTMLElement>(): [(el: T | null) => void, { width: number; height: number } | null] {
  const observer = useRef<ResizeObserver | null>(null);
  // Null until the element has been measured once.
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    // One measure for the first reading and every resize (clientWidth/Height, whole pixels): the
    // observer's fractional content box floored differed by a pixel from it, and resizing the
    // canvas clears and redraws every layer (the costliest step of opening a lesion).
    const measure = () =>
      setSize((old) => {
        const width = Math.max(320, el.clientWidth);
        const height = Math.max(320, el.clientHeight);
        return old && old.width === width && old.height === height ? old : { width, height };
      });
    measure();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
  }, []);
  return [ref, size];
}
