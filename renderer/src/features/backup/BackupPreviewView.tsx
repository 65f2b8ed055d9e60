import type { BackupPreview } from '../../../../shared/backup/status';
import { Facts } from '../../components/Facts';
import { casesText, monthText, whenText } from './backupText';

/**
 * One backup, read-only, before it is restored: what it holds by numbers and dates, never by
 * patient. Restoring is an administrator's work and an administrator sees no patient data
 * (roles.ts); the dates and counts are what tell one backup from another.
 */
export function BackupPreviewView({ preview, busy, onRestore }: { readonly preview: BackupPreview; readonly busy: boolean; readonly onRestore: () => void }) {
  const c = preview.contents;
  return (
    <section aria-labelledby="backup-preview-title" data-testid="backup-preview">
      <h3 id="backup-preview-title">Backup of {whenText(preview.createdAt)} (read-only)</h3>
      <Facts
        items={[
          ['Cases', `${c.caseCount} (${c.signedCaseCount} signed)`],
          ['Patients', String(c.patientCount)],
          ['Lesions and stages', `${c.lesionCount} lesions, ${c.stageCount} stages`],
          ['Dates of surgery', c.firstSurgery && c.lastSurgery ? `${c.firstSurgery} to ${c.lastSurgery}` : 'none'],
          ['Last change', preview.lastChange ? whenText(preview.lastChange) : ''],
        ]}
      />
      {c.casesByMonth.length > 0 && (
        <table className="table table--compact" aria-label="Cases by month of surgery">
          <thead>
            <tr>
              <th>Month of surgery</th>
              <th>Cases</th>
            </tr>
          </thead>
          <tbody>
            {c.casesByMonth.map((m) => (
              <tr key={m.month}>
                <td>{monthText(m.month)}</td>
                <td>{m.cases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Patients are not named here: a backup is told apart by its dates and counts. Restoring puts its {casesText(c.caseCount)} in place of the database as it is now.</p>
      <button type="button" className="button button--primary" onClick={onRestore} disabled={busy}>
        Restore this backup
      </button>
    </section>
  );
}
