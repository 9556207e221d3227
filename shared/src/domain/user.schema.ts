/** A user, keyed by openid, created on the first call. `firstPaidAt` decides the new-customer rule. */
import * as z from '../kernel/zod';
import { idSchema, instantSchema, openidSchema } from './common.schema';

export const roleSchema = z.enum(['shopper', 'leader', 'merchant', 'ops']);
export type Role = z.infer<typeof roleSchema>;

export const userSchema = z.object({
  _id: openidSchema,
  nickname: z.string().max(32).default(''),
  avatarUrl: z.string().max(512).default(''),
  roles: z.array(roleSchema).min(1),
  /** The merchant a merchant-role user acts for. */
  merchantId: idSchema.optional(),
  firstPaidAt: instantSchema.optional(),
  /** Units held per activity (paid or awaiting payment), against the activity's per-user limit. */
  quota: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Which order holds how many of those units, so a closed or refunded order gives them back once. */
  quotaHolds: z
    .record(z.string(), z.object({ activityId: idSchema, quantity: z.number().int().positive() }))
    .default({}),
  createdAt: instantSchema,
});
export type User = z.infer<typeof userSchema>;
