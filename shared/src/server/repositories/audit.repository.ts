/**
 * The audit log (`audit_logs`): one record per staff write, appended and never changed. No function
 * updates or removes a record, and the database rules let no client write the collection.
 */
import type { AuditRecord } from '../runtime/define-http-function';
import { COLLECTIONS } from '../cloudbase/collections';
import { db } from '../cloudbase/db';

export async function appendAudit(record: AuditRecord): Promise<void> {
  await db()
    .collection(COLLECTIONS.auditLogs)
    .add({ data: { ...record } });
}
