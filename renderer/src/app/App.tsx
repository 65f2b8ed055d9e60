import type { User } from '../../../shared/records';
import { Dialog } from '../components/Dialog';
import { LoadFailed, Loading } from '../components/Notice';
import { AuditPage } from '../features/audit/AuditPage';
import { AuditStartWarning } from '../features/audit/AuditStartWarning';
import { CaseList } from '../features/cases/CaseList';
import { CasePage } from '../features/cases/CasePage';
import { NewCase } from '../features/cases/NewCase';
import { LesionWorkspace } from '../features/lesions/LesionWorkspace';
import { StartScreen } from '../features/session/StartScreen';
import { LabelsPage } from '../features/labels/LabelsPage';
import { MapSheetPage } from '../features/print/MapSheetPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WorklistPage } from '../features/worklist/WorklistPage';
import { href, useRoute, type Route } from './route';
import { TopBar } from './TopBar';
import { useSession } from './useSession';

/** The shell: top bar, then either "who is working" or the screen the URL names. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const user = session.state.status === 'signed-in' ? session.state.user : null;
  return (
    <div className="app">
      <TopBar user={user} route={route} onSwitchUser={session.signOut} />
      <main id="main" className="main" tabIndex={-1}>
        {session.state.status === 'loading' && <Loading what="Layermap" />}
        {session.state.status === 'error' && <LoadFailed error={session.state.error} onRetry={session.recheck} />}
        {session.state.status === 'signed-out' && <StartScreen onSignedIn={session.signedIn} />}
        {user && <AuditStartWarning />}
        {user && <Screen route={route} user={user} />}
        {session.state.status === 'signed-in' && session.state.lost && (
          // No onClose: Escape cannot dismiss it, someone must say who is working.
          <Dialog labelledBy="session-lost-title" className="session-lost-panel">
            <p id="session-lost-title" className="notice notice--warning">
              Layermap restarted and no longer knows who is working. Choose again; what you typed is still on the page —
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
      return <SettingsPage />;
    case 'audit':
      return <AuditPage />;
    case 'worklist':
      return <WorklistPage date={route.date} />;
    case 'labels':
      return <LabelsPage key={`${route.lesionId}:${route.stageNumber}`} lesionId={route.lesionId} stageNumber={route.stageNumber} />;
    case 'print':
      return <MapSheetPage key={`${route.kind}:${route.id}:${route.paper}`} kind={route.kind} id={route.id} paper={route.paper} />;
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
