import { lazy, Suspense, useEffect } from 'react';
import type { User } from '../../../shared/records';
import { Dialog } from '../components/Dialog';
import { LoadFailed, Loading } from '../components/Notice';
import { AuditStartWarning } from '../features/audit/AuditStartWarning';
import { BackupWarning } from '../features/backup/BackupWarning';
import { KeptMapChanges } from '../features/clinic/KeptMapChanges';
import { ServerUnreachableBanner } from '../features/clinic/ServerUnreachableBanner';
import { LesionWorkspace } from '../features/lesions/LesionWorkspace';
import { RecoveryMissingNotice } from '../features/recovery/RecoveryMissingNotice';
import { ChangePassword } from '../features/session/ChangePassword';
import { LockScreen } from '../features/session/LockScreen';
import { StartScreen } from '../features/session/StartScreen';
import { href, useRoute, type Route } from './route';

/*
 * The lesion page (the map) is in the first bundle: opening a lesion is what must be quick.
 * Every other screen is its own chunk, loaded when first shown, so the map page does not
 * wait for the sheet, label and barcode code to be parsed and run.
 */
const CaseList = lazy(() => import('../features/cases/CaseList').then((m) => ({ default: m.CaseList })));
const CasePage = lazy(() => import('../features/cases/CasePage').then((m) => ({ default: m.CasePage })));
const NewCase = lazy(() => import('../features/cases/NewCase').then((m) => ({ default: m.NewCase })));
const LabelsPage = lazy(() => import('../features/labels/LabelsPage').then((m) => ({ default: m.LabelsPage })));
const MapSheetPage = lazy(() => import('../features/print/MapSheetPage').then((m) => ({ default: m.MapSheetPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })));
const WorklistPage = lazy(() => import('../features/worklist/WorklistPage').then((m) => ({ default: m.WorklistPage })));
import { TopBar } from './TopBar';
import { reportActivity } from '../api/lockEvents';
import { useSession } from './useSession';

/** Input anywhere in the window is activity for the idle lock (main counts the time). */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'wheel', 'keydown'] as const;

/** The shell: top bar, then either "who is working" or the screen the URL names. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const user = session.state.status === 'signed-in' ? session.state.user : null;
  useEffect(() => {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, reportActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, reportActivity, { capture: true });
    };
  }, []);
  return (
    <div className="app">
      <TopBar
        user={user}
        locked={session.state.status === 'locked'}
        route={route}
        onLock={session.lock}
        onSwitchUser={session.switchUser}
      />
      <main id="main" className="main" tabIndex={-1}>
        {session.state.status === 'locked' && (
          <LockScreen
            user={session.state.user}
            unsaved={session.state.unsaved}
            onUnlocked={session.signedIn}
            onSwitchUser={session.signOut}
          />
        )}
        {session.state.status === 'loading' && <Loading what="Layermap" />}
        {session.state.status === 'error' && <LoadFailed error={session.state.error} onRetry={session.recheck} />}
        {session.state.status === 'signed-out' && <StartScreen onSignedIn={session.signedIn} />}
        {user && !user.mustChangePassword && <AuditStartWarning />}
        {user && route.screen !== 'print' && <ServerUnreachableBanner />}
        {user && !user.mustChangePassword && route.screen !== 'print' && <KeptMapChanges user={user} />}
        {user && !user.mustChangePassword && route.screen !== 'print' && <BackupWarning user={user} compact={route.screen === 'lesion'} />}
        {user && !user.mustChangePassword && route.screen !== 'print' && route.screen !== 'lesion' && <RecoveryMissingNotice user={user} />}
        {user && user.mustChangePassword && <ChangePassword user={user} onChanged={session.signedIn} onSignOut={() => void session.signOut()} />}
        {user && !user.mustChangePassword && (
          <Suspense fallback={<Loading what="the page" />}>
            <Screen route={route} user={user} />
          </Suspense>
        )}
        {session.state.status === 'signed-in' && session.state.lost && (
          // No onClose: Escape cannot dismiss it, someone must say who is working.
          <Dialog labelledBy="session-lost-title" className="session-lost-panel">
            <p id="session-lost-title" className="notice notice--warning">
              Layermap restarted and no longer knows who is working. Sign in again; what you typed is still on the page —
              save it again afterwards.
            </p>
            <StartScreen onSignedIn={session.signedIn} />
          </Dialog>
        )}
      </main>
    </div>
  );
}

function Screen({ route, user }: { readonly route: Route; readonly user: User }) {
  switch (route.screen) {
    case 'cases':
      return <CaseList />;
    case 'new-case':
      return <NewCase user={user} />;
    case 'case':
      // Keyed by id so moving between cases starts each page fresh.
      return <CasePage key={route.caseId} caseId={route.caseId} user={user} />;
    case 'lesion':
      return <LesionWorkspace key={route.lesionId} lesionId={route.lesionId} user={user} />;
    case 'settings':
      return <SettingsPage user={user} />;
    case 'audit':
      return <AuditPage />;
    case 'worklist':
      return <WorklistPage date={route.date} user={user} />;
    case 'statistics':
      return <StatisticsPage from={route.from} to={route.to} />;
    case 'labels':
      return <LabelsPage key={`${route.lesionId}:${route.stageNumber}`} lesionId={route.lesionId} stageNumber={route.stageNumber} />;
    case 'print':
      return (
        <MapSheetPage
          key={`${route.kind}:${route.id}:${route.paper}:${route.chart ? `chart:${route.chart.photos}` : ''}`}
          kind={route.kind}
          id={route.id}
          paper={route.paper}
          forArchive={route.forArchive ?? false}
          {...(route.chart ? { chart: route.chart } : {})}
        />
      );
    case 'not-found':
      return (
        <section className="panel">
          <h1>Page not found</h1>
          <p>
            There is no page at “{route.hash}”. <a href={href.cases()}>Go to the case list</a>.
          </p>
        </section>
      );
  }
}
