import { useEffect, useState, type ReactNode } from 'react';
import type { UnlockView } from '../../../../shared/api/unlock';
import { unlockState } from '../../api/unlock';
import { takeEarlyUnlock } from '../../app/earlyRequests';
import { Loading } from '../../components/Notice';
import { UnlockPage } from './UnlockPage';

/** The app once its database is open; before that, the unlock page (when the main side must ask). */
export function DatabaseGate({ children }: { readonly children: ReactNode }) {
  const [view, setView] = useState<UnlockView | null>(null);
  useEffect(() => {
    void (takeEarlyUnlock() ?? unlockState()).then(setView);
  }, []);
  if (view?.state === 'open') {
    if (!view.notice) return children;
    // Right code, keys not stored: said above the app for this session, never hidden.
    return (
      <>
        <div className="notice notice--warning" role="alert" data-testid="keys-not-stored">
          {view.notice}
        </div>
        {children}
      </>
    );
  }
  return (
    <div className="app">
      <header className="topbar">
        <span className="topbar__brand">Layermap</span>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {view ? <UnlockPage key={view.state} view={view} onView={setView} /> : <Loading what="Layermap" />}
      </main>
    </div>
  );
}
