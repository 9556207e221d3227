import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { groupDetailSchema } from './groups.schema';
import { ANY_STAFF } from './permissions';

/**
 * `getGroupDetail`: one group with its seats, deadline, members, orders and payments, refunds, the messages
 * sent to its members, and what ops may do to it now. A merchant sees its own groups only, members masked.
 */
export const getGroupDetailContract = defineAdminContract({
  name: 'getGroupDetail',
  roles: ANY_STAFF,
  request: z.object({ groupId: idSchema }),
  response: groupDetailSchema,
});
