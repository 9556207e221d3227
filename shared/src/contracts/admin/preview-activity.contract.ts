import * as z from '../../kernel/zod';
import { getActivityContract } from '../get-activity.contract';
import { listActivitiesContract } from '../list-activities.contract';
import { ACTIVITY_STAFF, activityIdRequest } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `previewActivity` (ops, merchant): what the shopper is sent for this activity, drafts included: the detail
 * page (getActivity's answer) and the list card (an item of listActivities), made by the same functions.
 * `visible` says whether shoppers can see it now (a draft they cannot).
 */
export const previewActivityContract = defineAdminContract({
  name: 'previewActivity',
  roles: ACTIVITY_STAFF,
  request: activityIdRequest,
  response: z.object({
    detail: getActivityContract.response,
    card: listActivitiesContract.response.shape.items.element,
    visible: z.boolean(),
  }),
});
