/**
 * Staff accounts and their sessions, and their rules: the roles, when repeated failed sign-ins lock an
 * account, how long an idle session lives, and when a session no longer counts. Pure: the server stores
 * what these decide.
 */
import * as z from '../kernel/zod';
import { idSchema, instantSchema } from './common.schema';

/**
 * - `ops`: the platform's operators; everything.
 * - `merchant`: one merchant's staff; its own products, activities, orders and shipping only (the server
 *   scopes every query by `merchantId`).
 * - `service`: customer service; orders, refunds and after-sales; no catalogue and no staff.
 */
export const STAFF_ROLES = ['ops', 'merchant', 'service'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MS = 15 * 60_000;

/** A session ends after this long without a call. */
export const SESSION_IDLE_MS = 12 * 3_600_000;

/** A session's last-seen time is written at most this often (every call would be a write). */
export const SESSION_TOUCH_MS = 60_000;

export const staffStatusSchema = z.enum(['active', 'disabled']);
export type StaffStatus = z.infer<typeof staffStatusSchema>;

/** A staff account as stored (the password only as its hash). */
export const staffAccountSchema = z.object({
  _id: idSchema,
  account: z.string().min(1).max(32),
  name: z.string().min(1).max(32),
  role: staffRoleSchema,
  merchantId: idSchema.optional(),
  status: staffStatusSchema,
  passwordHash: z.string().min(1),
  mustChangePassword: z.boolean(),
  failedSignIns: z.number().int().nonnegative(),
  lockedUntil: instantSchema.optional(),
  /** Sessions opened before this instant no longer count (set on a password change, reset or disable). */
  sessionsValidFrom: instantSchema,
  lastSignInAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffSessionSchema = z.object({
  /** The SHA-256 of the token: the token itself is never stored. */
  _id: z.string().min(1),
  staffId: idSchema,
  createdAt: instantSchema,
  lastSeenAt: instantSchema,
  revokedAt: instantSchema.optional(),
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

/** Whether the account may work: not disabled. */
export const isActiveStaff = (staff: Pick<StaffAccount, 'status'>): boolean => staff.status === 'active';

export const isLocked = (staff: Pick<StaffAccount, 'lockedUntil'>, now: number): boolean =>
  staff.lockedUntil !== undefined && now < staff.lockedUntil;

/** When an idle session ends. */
export const sessionExpiresAt = (session: Pick<StaffSession, 'lastSeenAt'>): number =>
  session.lastSeenAt + SESSION_IDLE_MS;

/** Why a session no longer counts, or undefined when it does. */
export function sessionRefusal(
  session: StaffSession,
  staff: Pick<StaffAccount, 'status' | 'sessionsValidFrom'> | null,
  now: number,
): 'revoked' | 'expired' | 'staff_gone' | undefined {
  if (!staff || !isActiveStaff(staff)) return 'staff_gone';
  if (session.revokedAt !== undefined || session.createdAt < staff.sessionsValidFrom) return 'revoked';
  if (now >= sessionExpiresAt(session)) return 'expired';
  return undefined;
}

/** Whether this call should move the session's last-seen time on. */
export const shouldTouch = (session: Pick<StaffSession, 'lastSeenAt'>, now: number): boolean =>
  now - session.lastSeenAt >= SESSION_TOUCH_MS;
