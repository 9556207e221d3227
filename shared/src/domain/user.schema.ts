/** A user, keyed by openid, created on the first call. `firstPaidAt` decides the new-customer rule. */
import * as z from '../kernel/zod';
import { idSchema, instantSchema, openidSchema } from './common.schema';

export const roleSchema = z.enum(['shopper', 'leader', 'merchant', 'ops']);
export type Role = z.infer<typeof roleSchema>;

/**
 * A shopper's public share reference: 8 characters of [0-9a-z], drawn at random when the user is created
 * (or on their first login if they predate refs). Share paths and poster codes carry it instead of the
 * openid, so a card says who shared it without revealing who they are.
 */
export const userRefSchema = z.string().regex(/^[0-9a-z]{8}$/, '8 characters of 0-9 a-z');
export const USER_REF_LENGTH = 8;
export const USER_REF_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export const userSchema = z.object({
  _id: openidSchema,
  nickname: z.string().max(32).default(''),
  avatarUrl: z.string().max(512).default(''),
  roles: z.array(roleSchema).min(1),
  /** Share reference (see `userRefSchema`); absent only on users created before refs existed. */
  ref: userRefSchema.optional(),
  /** The merchant a merchant-role user acts for. */
  merchantId: idSchema.optional(),
  firstPaidAt: instantSchema.optional(),
  /**
   * Their latest 团长 application. Applying reads it and rewrites it in one transaction, so two applications
   * sent at once are decided one after the other (one open application per shopper).
   */
  leaderApplicationId: idSchema.optional(),
  /** Units held per activity (paid or awaiting payment), against the activity's per-user limit. */
  quota: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** Which order holds how many of those units, so a closed or refunded order gives them back once. */
  quotaHolds: z
    .record(z.string(), z.object({ activityId: idSchema, quantity: z.number().int().positive() }))
    .default({}),
  createdAt: instantSchema,
});
export type User = z.infer<typeof userSchema>;

/** A user's roles once ops approve them as a registered 团长 (unchanged if they already are one). */
export const withLeaderRole = (roles: readonly Role[]): Role[] =>
  roles.includes('leader') ? [...roles] : [...roles, 'leader'];
