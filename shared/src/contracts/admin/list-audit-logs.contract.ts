import { idSchema, instantSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';

export const auditLogItemSchema = z.object({
  auditId: idSchema,
  at: instantSchema,
  staffId: z.string(),
  account: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  requestId: z.string(),
});
export type AuditLogItem = z.infer<typeof auditLogItemSchema>;

/**
 * `listAuditLogs` (ops only): the audit log, newest first, by staff account, action or target, and a time
 * range. Read-only: nothing in the console can change a record.
 */
export const listAuditLogsContract = defineAdminContract({
  name: 'listAuditLogs',
  roles: OPS_ONLY,
  request: z.object({
    account: z.string().trim().max(32).optional(),
    action: z.string().trim().max(64).optional(),
    target: z.string().trim().max(128).optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(auditLogItemSchema), hasMore: z.boolean() }),
});
