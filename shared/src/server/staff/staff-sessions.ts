/**
 * Staff sessions: opening one at sign-in, and finding the staff member behind a token on every console
 * call. A session ends after 12 idle hours, at sign-out, and when its staff member is disabled or their
 * password changes (`sessionsValidFrom`): the domain decides (`sessionRefusal`), this reads and writes.
 */
import type { Staff } from '../../contracts/admin';
import {
  sessionExpiresAt,
  sessionRefusal,
  shouldTouch,
  type StaffAccount,
  type StaffSession,
} from '../../domain/staff.schema';
import { getSession, insertSession, touchSession } from '../repositories/staff-session.repository';
import { getStaff } from '../repositories/staff.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { StaffPrincipal } from '../runtime/define-http-function';
import { hashToken, newSessionToken } from '../runtime/secrets';

/** A member of staff as the console sees them. */
export const staffView = (staff: StaffAccount): Staff => ({
  staffId: staff._id,
  account: staff.account,
  name: staff.name,
  role: staff.role,
  ...(staff.merchantId ? { merchantId: staff.merchantId } : {}),
  mustChangePassword: staff.mustChangePassword,
});

export async function openSession(staff: StaffAccount, now: number): Promise<{ token: string; expiresAt: number }> {
  const token = newSessionToken();
  const session: StaffSession = { _id: hashToken(token), staffId: staff._id, createdAt: now, lastSeenAt: now };
  await insertSession(session);
  return { token, expiresAt: sessionExpiresAt(session) };
}

/** The staff member a token's session belongs to, or undefined when it does not count (any reason). */
export async function authenticateSession(token: string, ctx: InvocationContext): Promise<StaffPrincipal | undefined> {
  const now = ctx.clock.now();
  const session = await getSession(hashToken(token));
  if (!session) return undefined;
  const staff = await getStaff(session.staffId);
  const refusal = sessionRefusal(session, staff, now);
  if (refusal || !staff) {
    ctx.log.info('session refused', { reason: refusal, staffId: session.staffId });
    return undefined;
  }
  if (shouldTouch(session, now)) await touchSession(session._id, now);
  return { ...staffView(staff), sessionId: session._id };
}
