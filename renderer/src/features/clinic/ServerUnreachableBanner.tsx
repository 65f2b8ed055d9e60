import { useEffect, useState } from 'react';
import { onUnreachableRefusal } from '../../api/client';
import { listenForStoreChanges } from '../../api/storeEvents';

/**
 * Clinic mode: while the clinic server cannot be reached, every screen says so, and that nothing
 * is lost: what is open stays readable, the map keeps unsaved changes and sends them when the
 * server is back. Shown when the store's thread loses its server connection or a call meets it
 * down; gone when the connection is back ('resync'). A single computer never shows it.
 */
export function ServerUnreachableBanner() {
  const [unreachable, setUnreachable] = useState(false);
  useEffect(() => {
    const offChanges = listenForStoreChanges((change) => {
      if (change.kind === 'unreachable') setUnreachable(true);
      else if (change.kind === 'resync') setUnreachable(false);
    });
    const offCalls = onUnreachableRefusal(() => setUnreachable(true));
    return () => {
      offChanges();
      offCalls();
    };
  }, []);
  if (!unreachable) return null;
  return (
    <div className="notice notice--warning server-banner" role="alert" data-testid="server-unreachable">
      <strong>The clinic server cannot be reached</strong> — your changes are kept on this computer and will be saved when it is back. What is
      open stays readable; Layermap reconnects by itself.
    </div>
  );
}
