/** Staff sessions (`staff_sessions`), keyed by the SHA-256 of their token: the token is never stored. */
import { type StaffSession, staffSessionSchema } from '../../domain/staff.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById } from '../cloudbase/db';

const sessions = () => db().collection(COLLECTIONS.staffSessions);

export async function insertSession(session: StaffSession): Promise<void> {
  await sessions().add({ data: session });
}

export async function getSession(id: string): Promise<StaffSession | null> {
  const data = await getById(COLLECTIONS.staffSessions, id);
  return data ? staffSessionSchema.parse(data) : null;
}

/** Moves the session's last call on (only forwards, so a slow request cannot shorten it). */
export async function touchSession(id: string, now: number): Promise<void> {
  await sessions()
    .where({ _id: id, lastSeenAt: cmd().lt(now) })
    .update({ data: { lastSeenAt: now } });
}

export async function revokeSession(id: string, now: number): Promise<void> {
  await sessions()
    .where({ _id: id, revokedAt: cmd().exists(false) })
    .update({ data: { revokedAt: now } });
}

/** Renews a session as if opened at `now` (it survives `sessionsValidFrom = now`). */
export async function touchSessionCreatedAt(id: string, now: number): Promise<void> {
  await sessions()
    .doc(id)
    .update({ data: { createdAt: now, lastSeenAt: now } });
}
