import { useEffect } from 'react';

/** Window title says where the user is, so the taskbar and screen readers do too. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Layermap` : 'Layermap';
  }, [title]);
}
