import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';
import { orderFilterSchema } from './search-orders.contract';

/** At most this many orders in one export: narrow the search for more. */
export const EXPORT_MAX_ROWS = 10_000;

/**
 * `exportOrders`: the orders a search finds as a CSV file (UTF-8 with a BOM so Excel reads Chinese; money in
 * yuan with 2 decimals), built a page at a time and bounded (`EXPORT_MAX_ROWS`). Answered as the file itself,
 * not the envelope (a refusal is the envelope as usual).
 */
export const exportOrdersContract = defineAdminContract({
  name: 'exportOrders',
  roles: ANY_STAFF,
  download: true,
  request: orderFilterSchema,
  response: z.object({ filename: z.string(), contentType: z.string(), content: z.string() }),
});
