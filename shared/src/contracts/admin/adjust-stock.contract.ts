import { MAX_STOCK_ADJUSTMENT } from '../../domain/catalog.schema';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import { stockViewSchema } from './product.schema';

/**
 * `adjustStock` (ops, merchant: its own): adds units to a SKU's available stock (入库) or takes them away
 * (盘亏, 损耗), with a reason. Units held by unpaid orders or sold are never taken: an adjustment that
 * would leave fewer than zero available is OUT_OF_STOCK and changes nothing. Answers the stock as it is
 * right after. `requestKey` is the console's id for this one adjustment (a fresh one per dialog): the same
 * key sent again (a retry after a timeout, a double click) changes nothing and answers `replayed: true`.
 */
export const adjustStockContract = defineAdminContract({
  name: 'adjustStock',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({
    skuId: idSchema,
    delta: z
      .number('请输入调整数量')
      .int('调整数量须为整数')
      .min(-MAX_STOCK_ADJUSTMENT, `单次最多调整 ${MAX_STOCK_ADJUSTMENT} 件`)
      .max(MAX_STOCK_ADJUSTMENT, `单次最多调整 ${MAX_STOCK_ADJUSTMENT} 件`)
      .refine((delta) => delta !== 0, '调整数量不能为 0'),
    reason: z.string().trim().min(1, '请填写调整原因').max(100, '调整原因最多 100 个字'),
    requestKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  }),
  response: z.object({ skuId: idSchema, stock: stockViewSchema, replayed: z.boolean() }),
});
