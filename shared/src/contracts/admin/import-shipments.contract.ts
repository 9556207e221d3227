import { shipmentRowProblemSchema } from '../../domain/fulfilment';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { shipResultsSchema } from './fulfilment.schema';
import { OPS_AND_MERCHANT } from './permissions';

export const rowProblemSchema = z.object({
  /** The line of the file, from 1. */
  line: z.number().int().min(1),
  orderId: z.string().optional(),
  problem: shipmentRowProblemSchema,
  /** The problem as staff read it. */
  label: z.string(),
});

/**
 * `importShipments` (ops, merchant): a CSV of `orderId,carrier,trackingNo` (carrier by code or Chinese name;
 * a header line is optional). Every row is checked first and every bad row reported with its line; if any is
 * bad, nothing ships (`accepted: false`). Otherwise each row ships as shipOrders ships it, so a file imported
 * twice ships nothing twice: its rows read as repeats.
 */
export const importShipmentsContract = defineAdminContract({
  name: 'importShipments',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({
    csv: z.string().min(1, '请上传运单文件').max(100_000, '文件过大，请分批导入（每次最多 500 行）'),
  }),
  response: shipResultsSchema.extend({
    accepted: z.boolean(),
    rows: z.number().int().nonnegative(),
    problems: z.array(rowProblemSchema),
  }),
});
