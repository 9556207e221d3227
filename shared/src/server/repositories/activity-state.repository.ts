/**
 * An activity's state as the interventions see it: its rules with its platform guarantee (成团保障, read
 * defensively: activities stored before the field existed have none).
 */
import { type Activity, activitySchema } from '../../domain/activity.schema';
import { guaranteeOf, type PlatformGuarantee } from '../../domain/group-intervention';
import { COLLECTIONS } from '../cloudbase/collections';
import { getById } from '../cloudbase/db';

export async function getActivityWithGuarantee(
  id: string,
): Promise<{ activity: Activity; guarantee: PlatformGuarantee | undefined } | null> {
  const data = (await getById(COLLECTIONS.activities, id)) as { guarantee?: unknown } | null;
  if (!data) return null;
  return { activity: activitySchema.parse(data), guarantee: guaranteeOf(data) };
}
