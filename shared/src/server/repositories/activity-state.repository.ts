/**
 * An activity's state as the interventions see it: its rules with its platform guarantee (成团保障, read
 * defensively: activities stored before the field existed have none), and pausing it with one conditional
 * update that the activity machine decides.
 */
import { activityEventSchema, activityMachine } from '../../domain/activity.machine';

/** The activity machine's pause (the event shares its name with the status it leads to). */
const PAUSE = activityEventSchema.enum.paused;
import { type Activity, activitySchema } from '../../domain/activity.schema';
import { guaranteeOf, type PlatformGuarantee } from '../../domain/group-intervention';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById } from '../cloudbase/db';

export async function getActivityWithGuarantee(
  id: string,
): Promise<{ activity: Activity; guarantee: PlatformGuarantee | undefined } | null> {
  const data = (await getById(COLLECTIONS.activities, id)) as { guarantee?: unknown } | null;
  if (!data) return null;
  return { activity: activitySchema.parse(data), guarantee: guaranteeOf(data) };
}

/** Pauses the activity if the machine allows it from its status now; false when it no longer does. */
export async function pauseActivityNow(id: string, now: number): Promise<boolean> {
  const { from, to } = activityMachine.transition(PAUSE);
  const { stats } = await db()
    .collection(COLLECTIONS.activities)
    .where({ _id: id, status: cmd().in(from) })
    .update({ data: { status: to, pausedAt: now, updatedAt: now } });
  return stats.updated === 1;
}
