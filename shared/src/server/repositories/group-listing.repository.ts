/** Groups as shoppers browse them: an activity's forming groups that still have seats (凑团). */
import { type Group, groupSchema } from '../../domain/group.schema';
import { COLLECTIONS } from '../db/collections';
import { cmd, db, getMany } from '../db/cloud';

/**
 * Up to `limit` forming groups of the activity with a free seat and a deadline after `now`, fewest
 * seats left first, then the soonest deadline. Groups of one activity share its group size, so the
 * database orders them by seats taken; the seat filter and the final order are checked again here
 * in case a group opened with another size.
 */
export async function listOpenGroups(
  activityId: string,
  groupSize: number,
  now: number,
  limit: number,
): Promise<Group[]> {
  const _ = cmd();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.groups)
      .where({ activityId, status: 'forming', deadlineAt: _.gt(now), seatsTaken: _.lt(groupSize) })
      .orderBy('seatsTaken', 'desc')
      .orderBy('deadlineAt', 'asc')
      .limit(limit),
  );
  const left = (g: Group) => g.size - g.seatsTaken;
  return docs
    .map((d) => groupSchema.parse(d))
    .filter((g) => left(g) > 0)
    .sort((a, b) => left(a) - left(b) || a.deadlineAt - b.deadlineAt);
}
