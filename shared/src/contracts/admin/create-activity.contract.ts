import { activityEditShape, refineActivityEdit } from '../../domain/activity-edit';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `createActivity` (ops, merchant): a draft activity on one SKU, with every rule. A dedicated activity's
 * pool of `poolSize` units is carved from the SKU's available stock in the same transaction (SKU available
 * −N, allocated +N, pool available N): OUT_OF_STOCK when the SKU has fewer. A merchant may only use its own
 * SKUs (another's is NOT_FOUND). Money is integer fen.
 */
export const createActivityContract = defineAdminContract({
  name: 'createActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: z.object({ skuId: idSchema, ...activityEditShape }).superRefine(refineActivityEdit),
  response: z.object({ activity: consoleActivitySchema }),
});
