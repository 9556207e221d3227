/**
 * recordShareVisit: the group or activity page a share card or poster opened tells who shared it (their ref) and
 * how far the visitor got: `opened` as it loads, `viewed` once the detail has loaded. The visitor is the caller;
 * a visit counts once per sharer, visitor, target, stage and Shanghai day, and not at all when the visitor is the
 * sharer or the ref is nobody's (`recorded: false`). An unknown group or activity is NOT_FOUND.
 */
import { idSchema } from '../domain/common.schema';
import { shareVisitStageSchema } from '../domain/share-funnel';
import { userRefSchema } from '../domain/user.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

const visit = { ref: userRefSchema, stage: shareVisitStageSchema };

export const recordShareVisitContract = defineContract({
  name: 'recordShareVisit',
  errors: ['NOT_FOUND'],
  request: z.union([z.object({ ...visit, groupId: idSchema }), z.object({ ...visit, activityId: idSchema })]),
  response: z.object({
    /** Whether this call recorded the visit (false: already counted today, the sharer's own, or an unknown ref). */
    recorded: z.boolean(),
  }),
});
