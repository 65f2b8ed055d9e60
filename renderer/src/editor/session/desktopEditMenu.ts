import { useEffect, useRef } from 'react';

/** The desktop bridge's part for the Edit menu (electron/preload); absent in a browser. */
interface DesktopEditBridge {
  readonly mapFocus?: (focused: boolean) => void;
  readonly onMapEdit?: (run: (action: 'undo' | 'redo') => void) => () => void;
}

const bridge = (): DesktopEditBridge | undefined => (window as unknown as { layermapDesktop?: DesktopEditBridge }).layermapDesktop;

/**
 * The Edit menu's Undo/Redo (electron/main/editMenu.ts) go to the map while it has the focus:
 * tell the desktop app when the map gains or loses it, and run what the menu sends back.
 * Returns the focus and blur handlers for the map's element.
 */
export function useDesktopEditMenu(run: (action: 'undo' | 'redo') => void): { onFocus: () => void; onBlur: () => void } {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const unsubscribe = bridge()?.onMapEdit?.((action) => latest.current(action));
    return () => {
      unsubscribe?.();
      bridge()?.mapFocus?.(false);
    };
  }, []);
  return {
    onFocus: () => bridge()?.mapFocus?.(true),
    onBlur: () => bridge()?.mapFocus?.(false),
  };
}
