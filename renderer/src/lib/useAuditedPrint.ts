import { useEffect } from 'react';
import type { OpInput } from '../../../shared/api';
import { call } from '../api/client';

type PrintRecord = Omit<OpInput<'audit.record'>, 'action'>;

/**
 * Every print of this page is audited: 'beforeprint' fires for the page's Print… button, the
 * File menu's Print… and the browser's own, so no way of printing is missed.
 */
export function useAuditedPrint(record: PrintRecord | null): void {
  const key = record ? `${record.output}:${record.entity}:${record.entityId}` : null;
  useEffect(() => {
    if (!record) return;
    const onPrint = () => void call('audit.record', { action: 'print', ...record });
    window.addEventListener('beforeprint', onPrint);
    return () => window.removeEventListener('beforeprint', onPrint);
    // The record is identified by `key`; a new object with the same fields changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
