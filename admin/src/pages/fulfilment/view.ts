/**
 * What the shipping pages decide before they call the server: which of the chosen orders may leave how (by
 * express, or in one batch to one pickup point), waybill numbers checked in the staff member's words, the
 * answers of a shipping request told per outcome, the picking summary as rows, and a pickup code's check.
 */
import { CARRIERS, type CarrierCode, type ConsoleOrder, type ShipResult } from '@shared/admin-client';

import { formatInstant } from '../system/audit-logs/view';

/** An order of 待发货 as listOrdersToShip answers it. */
export type ToShipOrder = ConsoleOrder & { readonly afterSaleOpen: boolean };

export const CARRIER_OPTIONS = (Object.entries(CARRIERS) as [CarrierCode, { name: string }][]).map(
  ([value, carrier]) => ({ value, label: carrier.name }),
);

/** `快递 · 陈老板（渝中区）` or `自提 · 解放碑便民驿站`. */
export function deliveryLabel(order: Pick<ConsoleOrder, 'delivery'>): string {
  const d = order.delivery;
  return d.kind === 'pickup' ? `自提 · ${d.name}` : `快递 · ${d.name}（${d.district}）`;
}

const WAYBILL = /^[A-Za-z0-9]{6,32}$/;

/** A waybill number as carriers print it, or the message the dialog shows. */
export function checkWaybill(text: string): { ok: true; trackingNo: string } | { ok: false; message: string } {
  const trackingNo = text.trim();
  if (trackingNo === '') return { ok: false, message: '请填写运单号' };
  return WAYBILL.test(trackingNo) ? { ok: true, trackingNo } : { ok: false, message: '运单号为 6–32 位字母或数字' };
}

export interface WaybillDraft {
  readonly orderId: string;
  carrier: CarrierCode | '';
  trackingNo: string;
}

export type Shipments = { orderId: string; carrier: CarrierCode; trackingNo: string }[];

/** The shipOrders request for the dialog's rows, or each bad row's message by order. */
export function shipmentsFrom(
  rows: readonly WaybillDraft[],
): { ok: true; shipments: Shipments } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const shipments: Shipments = [];
  for (const row of rows) {
    const waybill = checkWaybill(row.trackingNo);
    if (!row.carrier) problems[row.orderId] = '请选择快递公司';
    else if (!waybill.ok) problems[row.orderId] = waybill.message;
    else shipments.push({ orderId: row.orderId, carrier: row.carrier, trackingNo: waybill.trackingNo });
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, shipments };
}

/**
 * The chosen orders that may leave by express, or why none may: pickup orders go in a batch, and an order
 * whose shopper asked for after-sales is not packed.
 */
export function expressChoice(orders: readonly ToShipOrder[]): { ok: true } | { ok: false; message: string } {
  if (orders.length === 0) return { ok: false, message: '请先勾选要发货的快递订单' };
  if (orders.some((o) => o.delivery.kind !== 'address')) return { ok: false, message: '自提订单请用“发往自提点”' };
  if (orders.some((o) => o.afterSaleOpen))
    return { ok: false, message: '勾选的订单中有售后处理中的订单，请先处理售后' };
  return { ok: true };
}

export interface BatchChoice {
  readonly pickupPointId: string;
  readonly pointName: string;
  readonly merchantId: string;
  readonly orderIds: string[];
}

/** The chosen orders as one batch (one merchant's, for one point), or why they are not one. */
export function batchChoice(
  orders: readonly ToShipOrder[],
): { ok: true; batch: BatchChoice } | { ok: false; message: string } {
  const [first] = orders;
  if (!first) return { ok: false, message: '请先勾选要发往自提点的订单' };
  if (first.delivery.kind !== 'pickup' || orders.some((o) => o.delivery.kind !== 'pickup')) {
    return { ok: false, message: '快递订单请用“快递发货”' };
  }
  const pickupPointId = first.delivery.pickupPointId;
  if (orders.some((o) => o.delivery.kind === 'pickup' && o.delivery.pickupPointId !== pickupPointId)) {
    return { ok: false, message: '一批只能发往一个自提点，请按自提点筛选后再勾选' };
  }
  if (orders.some((o) => o.merchantId !== first.merchantId)) {
    return { ok: false, message: '一批只能是同一商家的订单' };
  }
  if (orders.some((o) => o.afterSaleOpen))
    return { ok: false, message: '勾选的订单中有售后处理中的订单，请先处理售后' };
  return {
    ok: true,
    batch: {
      pickupPointId,
      pointName: first.delivery.name,
      merchantId: first.merchantId,
      orderIds: orders.map((o) => o.orderId),
    },
  };
}

export const SHIP_OUTCOME_LABELS: Record<ShipResult['outcome'], string> = {
  done: '已发货',
  repeat: '此前已发货',
  refused: '未发货',
  unfinished: '未完成，请重试',
};

/** `已发货 2 单，未发货 1 单`: the counts that are not zero. */
export function shipSummary(counts: { done: number; repeated: number; refused: number; unfinished: number }): string {
  const parts = [
    [counts.done, '已发货'],
    [counts.repeated, '此前已发货'],
    [counts.refused, '未发货'],
    [counts.unfinished, '未完成（请重试）'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, label]) => `${label} ${n} 单`);
  return said.length > 0 ? said.join('，') : '没有订单';
}

/** One result as a line: the order, what became of it, and why when refused. */
export const resultLine = (result: ShipResult): string =>
  `${result.orderId}：${SHIP_OUTCOME_LABELS[result.outcome]}${result.reasonLabel ? `（${result.reasonLabel}）` : ''}`;

interface PickingLine {
  readonly skuId: string;
  readonly title: string;
  readonly spec: string;
  readonly orders: number;
  readonly units: number;
}
interface PickingBucket {
  readonly orders: number;
  readonly units: number;
  readonly skus: readonly PickingLine[];
}

export interface PickingRow extends PickingLine {
  /** The bucket's key: `express`, or the point's id. */
  readonly bucket: string;
  /** Where it goes: 快递到家, or the point's name. */
  readonly destination: string;
  /** The bucket's first row carries its totals and spans its rows. */
  readonly span: number;
  readonly bucketUnits: number;
}

/** The picking summary as table rows: express first, then each point, each SKU a row. */
export function pickingRows(summary: {
  readonly express: PickingBucket;
  readonly points: readonly (PickingBucket & { readonly pickupPointId: string; readonly name: string })[];
}): PickingRow[] {
  const buckets = [
    { key: 'express', destination: '快递到家', bucket: summary.express },
    ...summary.points.map((p) => ({ key: p.pickupPointId, destination: `自提 · ${p.name}`, bucket: p })),
  ];
  return buckets.flatMap(({ key, destination, bucket }) =>
    bucket.skus.map((line, i) => ({
      ...line,
      bucket: key,
      destination,
      span: i === 0 ? bucket.skus.length : 0,
      bucketUnits: bucket.units,
    })),
  );
}

/** Why a pickup code cannot be checked, or undefined when it can. */
export function pickupCodeProblem(pickupPointId: string, code: string): string | undefined {
  if (!pickupPointId) return '请选择自提点';
  return /^\d{6}$/.test(code.trim()) ? undefined : '请输入 6 位数字取货码';
}

/** What 核销 tells the staff member at the counter. */
export function verifyMessage(result: {
  readonly outcome: 'collected' | 'already_collected';
  readonly collectedAt: number;
  readonly order: Pick<ConsoleOrder, 'orderId' | 'title' | 'spec' | 'quantity'>;
}): { theme: 'success' | 'warning'; title: string; detail: string } {
  const { order } = result;
  const detail = `订单 ${order.orderId} · ${order.title} · ${order.spec} × ${order.quantity}`;
  return result.outcome === 'collected'
    ? { theme: 'success', title: '核销成功，请交付商品', detail }
    : { theme: 'warning', title: `已于 ${formatInstant(result.collectedAt)} 取货，请勿重复交付`, detail };
}
