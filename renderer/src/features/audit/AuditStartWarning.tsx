import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { href } from '../../app/route';

/**
 * What the check of the audit chain's newest rows found when the database was opened: nothing
 * shown when intact; a warning that stays on every screen when not (work goes on: the trail
 * is evidence, and an administrator should verify it and find out what happened).
 */
export function AuditStartWarning() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void call('audit.startCheck', {}).then((r) => {
      if (live && r.ok && !r.value.intact) setProblem(r.value.message);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!problem) return null;
  return (
    <div className="notice notice--warning audit-warning" role="alert" data-testid="audit-start-warning">
      <strong>The audit trail failed its check at start.</strong> {problem} An administrator should run{' '}
      <a href={href.audit()}>Verify audit trail</a> and find out what happened.
    </div>
  );
}
