import { useCallback, useRef } from 'react';

/**
 * Measures the element the canvas fills and hands every new size to `onSize` at once (the
 * editor session), kept current as the window is resized. A callback ref, because the element
 * appears only once the stages have loaded.
 *
 * At once, not through React state and an effect: the map's Konva Stage is made right after
 * the commit that shows the frame, and a size arriving an effect later resized it twice (width,
 * then height), each resize clearing and redrawing every layer of all ten stages — the
 * costliest step of opening a lesion.
 */
export function useCanvasSize<T extends HTMLElement>(onSize: (width: number, height: number) => void): (el: T | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  const latest = useRef(onSize);
  latest.current = onSize;
  return useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    let last: { width: number; height: number } | null = null;
    // One measure for the first reading and every resize (clientWidth/Height, whole pixels): the
    // observer's fractional content box floored differed by a pixel from it.
    const measure = () => {
      const width = Math.max(320, el.clientWidth);
      const height = Math.max(320, el.clientHeight);
      if (last && last.width === width && last.height === height) return;
      last = { width, height };
      latest.current(width, height);
    };
    measure();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(el);
  }, []);
}
