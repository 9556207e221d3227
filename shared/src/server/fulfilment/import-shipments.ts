/**
 * importShipments (console: ops, merchant): a CSV of `orderId,carrier,trackingNo`. Every row is checked before
 * anything ships: its shape (csv-parse reads the file, the domain checks each row and the rows before it),
 * then the order it names, read in one query (unknown or another merchant's, not waiting to ship, a pickup
 * order, shipped with another waybill). One bad row and nothing ships; every bad row is reported with its
 * line. Otherwise each row ships as shipOrders ships it, and a row whose order already left with the same
 * waybill is a repeat: a file imported twice ships nothing twice.
 */
import type { importShipmentsContract } from '../../contracts/admin';
import { decideExpressShipment, readShipmentRows, type RowProblem, rowProblemLabel } from '../../domain/fulfilment';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import { getOrdersByIds } from '../repositories/order-fulfilment.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { readCsv } from './shipment-csv';
import { inScope, shipExpress, tally } from './shipping';
import { auditOfExpress } from './shipping-audit';

export const importShipments: AdminUseCase<typeof importShipmentsContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const by = `staff:${staff.account}`;
  const now = ctx.clock.now();
  const visible = inScope(merchantScope(ctx));
  const reading = readCsv(input.csv);
  const { rows, problems } =
    'records' in reading
      ? readShipmentRows(reading.records)
      : { rows: [], problems: [{ line: reading.unreadableAt, problem: 'unreadable' } satisfies RowProblem] };
  const found: RowProblem[] = [...problems];
  if (rows.length > 0) {
    const orders = await getOrdersByIds(rows.map((r) => r.orderId));
    for (const row of rows) {
      const decision = decideExpressShipment(visible(orders.get(row.orderId) ?? null), row, by, now);
      if (decision.kind === 'refused') found.push({ line: row.line, orderId: row.orderId, problem: decision.reason });
    }
  }
  const reported = found.sort((a, b) => a.line - b.line).map((p) => ({ ...p, label: rowProblemLabel(p.problem) }));
  const accepted = reported.length === 0;
  const results = accepted ? await shipExpress(rows, merchantScope(ctx), by, now, ctx) : [];
  await ctx.audit(auditOfExpress(rows, results, { imported: accepted, rows: rows.length, problems: reported.length }));
  return { ...tally(results), accepted, rows: rows.length, problems: reported };
};
