import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { staffItemSchema, staffStatusSchema } from './staff-item.schema';

/**
 * `setStaffStatus` (ops only, audited): disable an account (every session of theirs ends at once: their
 * next call answers 401) or enable it again (old sessions stay ended). An ops cannot disable themselves
 * (NOT_ON_SELF), and the last active ops stays (LAST_ACTIVE_OPS).
 */
export const setStaffStatusContract = defineAdminContract({
  name: 'setStaffStatus',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ staffId: idSchema, status: staffStatusSchema }),
  response: z.object({ staff: staffItemSchema }),
});
