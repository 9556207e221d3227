import { describe, expect, it } from 'vitest';
import {
  isLocked,
  LOCK_MS,
  SESSION_IDLE_MS,
  sessionExpiresAt,
  sessionRefusal,
  shouldTouch,
  type StaffSession,
} from './staff.schema';

describe('staff rules', () => {
  const session: StaffSession = { _id: 'h', staffId: 's1', createdAt: 1_000, lastSeenAt: 5_000 };
  const staff = { status: 'active' as const, sessionsValidFrom: 0 };

  it('locks an account until its lock runs out', () => {
    expect(isLocked({}, 0)).toBe(false);
    expect(isLocked({ lockedUntil: LOCK_MS }, LOCK_MS - 1)).toBe(true);
    expect(isLocked({ lockedUntil: LOCK_MS }, LOCK_MS)).toBe(false);
  });

  it('ends a session 12 idle hours after its last call, and moves that on at most once a minute', () => {
    expect(sessionExpiresAt(session)).toBe(5_000 + SESSION_IDLE_MS);
    expect(sessionRefusal(session, staff, 5_000 + SESSION_IDLE_MS - 1)).toBeUndefined();
    expect(sessionRefusal(session, staff, 5_000 + SESSION_IDLE_MS)).toBe('expired');
    expect(shouldTouch(session, 64_999)).toBe(false);
    expect(shouldTouch(session, 65_000)).toBe(true);
  });

  it('no longer counts a session signed out, opened before a password change, or of staff disabled or gone', () => {
    expect(sessionRefusal({ ...session, revokedAt: 2_000 }, staff, 3_000)).toBe('revoked');
    expect(sessionRefusal(session, { ...staff, sessionsValidFrom: 1_001 }, 3_000)).toBe('revoked');
    expect(sessionRefusal(session, { ...staff, sessionsValidFrom: 1_000 }, 3_000)).toBeUndefined();
    expect(sessionRefusal(session, { ...staff, status: 'disabled' }, 3_000)).toBe('staff_gone');
    expect(sessionRefusal(session, null, 3_000)).toBe('staff_gone');
  });
});
