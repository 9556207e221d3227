/** A staff account as the 员工 page lists it, and the fields ops sets on one. */
import { idSchema, instantSchema } from '../../domain/common.schema';
import { staffStatusSchema } from '../../domain/staff.schema';
import * as z from '../../kernel/zod';
import { staffRoleSchema } from './permissions';

export { staffStatusSchema, type StaffStatus } from '../../domain/staff.schema';

export const STAFF_STATUS_LABELS = { active: '启用', disabled: '已停用' } as const;

/** A display name: 1 to 32 characters. */
export const staffNameSchema = z.string().trim().min(1, '请输入姓名').max(32, '姓名最多 32 个字');

export const staffItemSchema = z.object({
  staffId: idSchema,
  account: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  merchantId: idSchema.optional(),
  /** The merchant's name, for a merchant's staff. */
  merchantName: z.string().optional(),
  status: staffStatusSchema,
  /** Waiting for a new password (a new account, or a reset by ops). */
  mustChangePassword: z.boolean(),
  lastSignInAt: instantSchema.optional(),
  createdAt: instantSchema,
});
export type StaffItem = z.infer<typeof staffItemSchema>;

/** A role with its merchant: a merchant's staff has one, ops and service have none. */
export const roleAndMerchant = <T extends { role: string; merchantId?: string | undefined }>(value: T): boolean =>
  (value.role === 'merchant') === (value.merchantId !== undefined && value.merchantId !== '');

export const ROLE_MERCHANT_MESSAGE = '商家账号须选择所属商家，平台运营和客服不属于任何商家';

/**
 * A temporary password, shown to ops once (a new account or a reset): the staff member signs in with it
 * and must choose their own before anything else.
 */
export const temporaryPasswordSchema = z.string().min(10);
