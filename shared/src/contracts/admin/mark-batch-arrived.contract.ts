import { idSchema, instantSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { countSchema } from '../common.schema';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

/**
 * `markBatchArrived` (the point's staff: for now ops, or the merchant whose batch it is): every order of the
 * batch is waiting at its point, each with a pickup code of its own, and its shopper is told. Marking it
 * again changes nothing; one that ran out of time says how many are `unfinished`: send it again.
 */
export const markBatchArrivedContract = defineAdminContract({
  name: 'markBatchArrived',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({ batchId: idSchema }),
  response: z.object({
    batchId: idSchema,
    pickupPointId: idSchema,
    /** Orders waiting at the point now (this time, and before). */
    arrived: countSchema,
    /** Of those, the ones this request moved. */
    newlyArrived: countSchema,
    /** Orders of the batch no longer on their way there (refunded meanwhile). */
    skipped: countSchema,
    unfinished: countSchema,
    arrivedAt: instantSchema.optional(),
  }),
});
