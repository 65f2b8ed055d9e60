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
    const measure = (width: number, height: number) =>
      setSize({ width: Math.max(320, Math.floor(width)), height: Math.max(320, Math.floor(height)) });
    measure(el.clientWidth, el.clientHeight);
    observer.current = new ResizeObserver(([entry]) => entry && measure(entry.contentRect.width, entry.contentRect.height));
    observer.current.observe(el);
  }, []);
  return [ref, size];
}
