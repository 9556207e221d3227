/** listAuditLogs (ops): the audit log, newest first, filtered; one indexed query a page. */
import type { listAuditLogsContract } from '../../contracts/admin';
import { listAudit } from '../repositories/audit.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listAuditLogs: AdminUseCase<typeof listAuditLogsContract> = async (input) => {
  const records = await listAudit(input, { offset: input.offset, limit: input.limit + 1 });
  return {
    items: records.slice(0, input.limit).map(({ _id, ...record }) => ({ auditId: _id, ...record })),
    hasMore: records.length > input.limit,
  };
};
