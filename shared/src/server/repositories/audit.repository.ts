/**
 * The audit log (`audit_logs`): one record per staff write, appended and never changed. No function
 * updates or removes a record, and the database rules let no client write the collection.
 */
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany } from '../cloudbase/db';
import type { AuditRecord } from '../runtime/define-http-function';

const auditLogs = () => db().collection(COLLECTIONS.auditLogs);

export async function appendAudit(record: AuditRecord): Promise<void> {
  await auditLogs().add({ data: { ...record } });
}

export interface AuditFilter {
  readonly account?: string | undefined;
  readonly action?: string | undefined;
  readonly target?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** Records matching the filter, newest first. */
export async function listAudit(
  filter: AuditFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<(AuditRecord & { _id: string })[]> {
  const _ = cmd();
  const at = [
    ...(filter.from !== undefined ? [_.gte(filter.from)] : []),
    ...(filter.to !== undefined ? [_.lte(filter.to)] : []),
  ];
  const where = {
    ...(filter.account ? { account: filter.account } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.target ? { target: filter.target } : {}),
    ...(at.length > 0 ? { at: at.length === 1 ? at[0] : _.and(...at) } : {}),
  };
  const docs = await getMany(auditLogs().where(where).orderBy('at', 'desc').skip(page.offset).limit(page.limit));
  return docs as (AuditRecord & { _id: string })[];
}
