/** A member of staff as the console sees them, and the rules for their account name and password. */
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { staffRoleSchema } from './permissions';

/** Sign-in name: letters, digits and `_ . @ -`, 2 to 32 characters. */
export const staffAccountSchema = z
  .string()
  .trim()
  .min(1, '请输入账号')
  .regex(/^[A-Za-z0-9_.@-]{2,32}$/, '账号为 2–32 位字母、数字或 _ . @ -');

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 64;

/** What a new password must be: 10 to 64 characters, with at least one letter and one digit, no spaces. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 位`)
  .max(PASSWORD_MAX_LENGTH, `密码最多 ${PASSWORD_MAX_LENGTH} 位`)
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/[0-9]/, '密码须包含数字')
  .regex(/^\S+$/, '密码不能包含空格');

/** A password as typed at sign-in: not checked against the policy (an older password may predate it). */
export const passwordSchema = z.string().min(1, '请输入密码').max(PASSWORD_MAX_LENGTH, '密码不正确');

/** Session tokens are random (≥ 32 bytes) and opaque to the console. */
export const sessionTokenSchema = z.string().min(32).max(256);

export const staffSchema = z
  .object({
    staffId: idSchema,
    account: z.string().min(1).max(32),
    name: z.string().min(1).max(32),
    role: staffRoleSchema,
    /** The merchant a `merchant` works for; absent for `ops` and `service`. */
    merchantId: idSchema.optional(),
    /** A new account or a password reset by ops: every action but these four waits for a new password. */
    mustChangePassword: z.boolean(),
  })
  .refine((staff) => (staff.role === 'merchant') === (staff.merchantId !== undefined), {
    message: 'a merchant has a merchantId and nobody else has one',
    path: ['merchantId'],
  });

export type Staff = z.infer<typeof staffSchema>;
