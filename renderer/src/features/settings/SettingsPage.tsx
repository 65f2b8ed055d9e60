import { useState } from 'react';
import { mayCall } from '../../../../shared/api/roles';
import type { User } from '../../../../shared/records';
import { call } from '../../api/client';
import { href } from '../../app/route';
import { LoadFailed, Loading } from '../../components/Notice';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { ArchiveSettingsPanel } from '../archive/ArchivePanels';
import { BackupPanel } from '../backup/BackupPanel';
import { MueTablePanel } from '../coding/MueTablePanel';
import { RecoveryCodePanel } from '../recovery/RecoveryCodePanel';
import { RecoverySheetPage } from '../recovery/RecoverySheetPage';
import { ClinicSettingsForm } from './ClinicSettingsForm';
import { DatabasePanel } from './DatabasePanel';
import { NoteTemplatePanel } from './NoteTemplatePanel';
import { UserList } from './UserList';

/** Clinic settings, the MUE table and the users: an administrator's page (shared/api/roles.ts). */
export function SettingsPage({ user }: { readonly user: User }) {
  useTitle('Settings');
  if (!mayCall(user, 'settings.update')) {
    return (
      <section className="panel" aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <p>Only an administrator changes the clinic’s settings and users. Ask your administrator.</p>
        {mayCall(user, 'noteTemplates.save') && <NoteTemplatePanel />}
        {mayCall(user, 'archive.import') && <ArchiveSettingsPanel />}
      </section>
    );
  }
  return <AdminSettings user={user} />;
}

function AdminSettings({ user }: { readonly user: User }) {
  const { loaded, reload, replace } = useLoad('settings', () => call('settings.get', {}));
  const [saved, setSaved] = useState('');
  // Remounted after each save so the form shows the values as stored (trimmed, upper-cased).
  const [round, setRound] = useState(0);
  // A new recovery code, shown on its sheet until the administrator leaves it; then gone.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  if (recoveryCode) {
    const clinicName = loaded.status === 'ok' ? loaded.value.clinicName : '';
    return <RecoverySheetPage code={recoveryCode} clinicName={clinicName} leaveLabel="Back to Settings" onLeave={() => setRecoveryCode(null)} />;
  }
  return (
    <section aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <section className="panel" aria-labelledby="clinic-title">
        <h2 id="clinic-title">Clinic</h2>
        {loaded.status === 'loading' && <Loading what="settings" />}
        {loaded.status === 'error' && <LoadFailed error={loaded.error} onRetry={reload} />}
        {loaded.status === 'ok' && (
          <ClinicSettingsForm
            key={round}
            settings={loaded.value}
            onSaved={(s) => {
              replace(s);
              setRound((n) => n + 1);
              setSaved('Settings saved.');
            }}
          />
        )}
        <p className="status-line" role="status">
          {saved}
        </p>
      </section>
      <DatabasePanel />
      <BackupPanel />
      <RecoveryCodePanel onCode={setRecoveryCode} />
      <MueTablePanel />
      <UserList me={user} />
      {mayCall(user, 'noteTemplates.save') && <NoteTemplatePanel />}
      <ArchiveSettingsPanel />
      <section className="panel" aria-labelledby="audit-link-title">
        <h2 id="audit-link-title">Audit trail</h2>
        <p>Who did what, to which record, and when: filter, export as CSV, and verify that nothing was changed or removed.</p>
        <a className="button button--secondary" href={href.audit()}>Open the audit trail</a>
      </section>
    </section>
  );
}
