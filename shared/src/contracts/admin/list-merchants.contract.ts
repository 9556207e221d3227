import { districtSchema, idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

/** `listMerchants` (ops: every merchant; a merchant: itself): for the merchant filters and pickers, by name. */
export const listMerchantsContract = defineAdminContract({
  name: 'listMerchants',
  roles: OPS_AND_MERCHANT,
  request: z.object({}),
  response: z.object({
    items: z.array(z.object({ merchantId: idSchema, name: z.string(), district: districtSchema })),
  }),
});
