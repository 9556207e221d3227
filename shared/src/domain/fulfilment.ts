/**
 * Fulfilment's rules, after 成团: which orders a merchant may ship and how a repeat reads; a pickup batch,
 * its arrival at the point and the pickup code each shopper collects with (核销); receipt and the after-sales
 * window; when an order completes. Each rule is decided here from what the order says; the repositories only
 * write the decision, conditional on what it was taken on.
 *
 * Several order events share their name with the status they lead to (`shipped`, `received`, `picked_up`),
 * so the server names them through `FULFILMENT_EVENTS`, never as literals.
 */
import * as z from '../kernel/zod';
import { type NotificationEvent } from './notification';
import { type OrderEvent, orderMachine, ORDER_REFUND_STATUSES, type OrderStatus } from './order.machine';
import type { Order } from './order.schema';
import {
  AUTO_RECEIVE_AFTER_MS,
  CARRIERS,
  type CarrierCode,
  DEFAULT_AFTER_SALE_WINDOW_DAYS,
  type ExpressShipment,
  type PickupShipment,
  type Shipment,
  trackingNoSchema,
} from './shipment.schema';

const DAY_MS = 24 * 3_600_000;

/** The order events of fulfilment, by what they do. */
export const FULFILMENT_EVENTS = {
  ship: 'shipped',
  arrive: 'arrived_at_pickup_point',
  receive: 'received',
  pickUp: 'picked_up',
  complete: 'window_closed',
} as const satisfies Record<string, OrderEvent>;

/** Orders waiting for their goods to leave (待发货). */
export const ORDER_TO_SHIP_STATUSES = /* @__PURE__ */ orderMachine.sourcesOf(FULFILMENT_EVENTS.ship);
/** Orders on their way: an express parcel, or a pickup batch not yet at its point (`ship` leads here). */
export const ORDER_SHIPPED_STATUS: OrderStatus = 'shipped';
/** Pickup orders waiting at their point with a code (待取货; `arrive` leads here). */
export const ORDER_AT_POINT_STATUS: OrderStatus = 'at_pickup_point';

// ---------------------------------------------------------------------------------------------------------------
// Shipping: express orders by carrier and waybill, pickup orders in a batch to their point.

/** Why an order cannot be shipped as asked. */
export const shipRefusalSchema = z.enum([
  /** No such order, or another merchant's (which reads the same, so nothing is revealed). */
  'not_found',
  /** Not waiting to be shipped: unpaid, its group still forming, or closed. */
  'not_to_ship',
  /** Its money is going, or went, back. */
  'refunding',
  /** The shopper asked for after-sales before it shipped (a refund is on its way). */
  'after_sale_open',
  /** A pickup order: it goes to its point in a batch, not by express. */
  'pickup_order',
  /** An express order: it ships with a waybill, not in a pickup batch. */
  'express_order',
  /** A pickup order for another point than the batch's. */
  'other_point',
  /** Already shipped, with another waybill or in another batch: an order never ships twice. */
  'shipped_otherwise',
]);
export type ShipRefusal = z.infer<typeof shipRefusalSchema>;

export const SHIP_REFUSAL_LABELS: Record<ShipRefusal, string> = {
  not_found: '订单不存在',
  not_to_ship: '订单不是待发货状态',
  refunding: '订单已退款或正在退款',
  after_sale_open: '订单有进行中的售后申请',
  pickup_order: '自提订单，请发往自提点',
  express_order: '快递订单，请填写运单号发货',
  other_point: '订单不是送往该自提点',
  shipped_otherwise: '订单已发货（运单号或批次不同）',
};

/** A carrier and a waybill number, as staff enter them. */
export interface Waybill {
  readonly carrier: CarrierCode;
  readonly trackingNo: string;
}

/** A waybill number as it is stored and compared: trimmed, letters in upper case. */
export const normaliseTrackingNo = (trackingNo: string): string => trackingNo.trim().toUpperCase();

/** What shipping one order comes to: ship it now, it already left this way (a repeat: fine), or refused. */
export type ShipDecision<S extends Shipment = Shipment> =
  | { readonly kind: 'ship'; readonly shipment: S; readonly message?: NotificationEvent }
  | { readonly kind: 'already'; readonly shipment: S }
  | { readonly kind: 'refused'; readonly reason: ShipRefusal };

type ShippableOrder = Pick<Order, 'status' | 'delivery' | 'shipment' | 'openAfterSaleId'>;

/** Why an order that has not left cannot leave now, whatever the way; undefined when it can. */
function unshippable(order: ShippableOrder): ShipRefusal | undefined {
  if (ORDER_REFUND_STATUSES.includes(order.status)) return 'refunding';
  if (!ORDER_TO_SHIP_STATUSES.includes(order.status)) return 'not_to_ship';
  if (order.openAfterSaleId) return 'after_sale_open';
  return undefined;
}

const sameWaybill = (shipment: Shipment, waybill: Waybill): boolean =>
  shipment.kind === 'express' &&
  shipment.carrier === waybill.carrier &&
  shipment.trackingNo === normaliseTrackingNo(waybill.trackingNo);

/**
 * Shipping an express order with a waybill. An order already shipped with the same carrier and number is a
 * repeat (the same request again, or a CSV imported twice): it answers `already` and changes nothing.
 */
export function decideExpressShipment(
  order: ShippableOrder | null,
  waybill: Waybill,
  by: string,
  now: number,
): ShipDecision<ExpressShipment> {
  if (!order) return { kind: 'refused', reason: 'not_found' };
  if (order.shipment) {
    return sameWaybill(order.shipment, waybill) && order.shipment.kind === 'express'
      ? { kind: 'already', shipment: order.shipment }
      : { kind: 'refused', reason: 'shipped_otherwise' };
  }
  const refusal = unshippable(order) ?? (order.delivery.kind === 'pickup' ? 'pickup_order' : undefined);
  if (refusal) return { kind: 'refused', reason: refusal };
  return {
    kind: 'ship',
    shipment: {
      kind: 'express',
      carrier: waybill.carrier,
      trackingNo: normaliseTrackingNo(waybill.trackingNo),
      shippedAt: now,
      by,
    },
    message: 'order_shipped',
  };
}

/** The batch a pickup order travels in. */
export interface BatchRef {
  readonly pickupPointId: string;
  readonly batchId: string;
}

/**
 * Sending a pickup order to its point in a batch. The shopper hears when it arrives (not now: the goods are
 * not collectable yet). An order already in this batch is a repeat.
 */
export function decidePickupDispatch(
  order: ShippableOrder | null,
  batch: BatchRef,
  by: string,
  now: number,
): ShipDecision<PickupShipment> {
  if (!order) return { kind: 'refused', reason: 'not_found' };
  if (order.shipment) {
    return order.shipment.kind === 'pickup' && order.shipment.batchId === batch.batchId
      ? { kind: 'already', shipment: order.shipment }
      : { kind: 'refused', reason: 'shipped_otherwise' };
  }
  const refusal =
    unshippable(order) ??
    (order.delivery.kind !== 'pickup'
      ? 'express_order'
      : order.delivery.pickupPointId !== batch.pickupPointId
        ? 'other_point'
        : undefined);
  if (refusal) return { kind: 'refused', reason: refusal };
  return {
    kind: 'ship',
    shipment: { kind: 'pickup', pickupPointId: batch.pickupPointId, batchId: batch.batchId, shippedAt: now, by },
  };
}

/**
 * A batch's id, from the console's request key: sending the same request again (a double click, a retry
 * after a timeout) finds the same batch instead of making a second one.
 */
export const batchIdFor = (requestKey: string): string => `PB${requestKey}`;

/** The request key a batch is made from: what `batchIdFor` turns into an id (at most 64 characters). */
export const batchRequestKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,62}$/);

/** The most orders one batch carries (a point's day is far fewer); more go in the next batch. */
export const MAX_BATCH_ORDERS = 500;

// ---------------------------------------------------------------------------------------------------------------
// Carriers and the CSV of waybills (`orderId,carrier,trackingNo`).

/** Other names staff write a carrier by: its WeChat code, and the short names on its parcels. */
const CARRIER_ALIASES: Record<CarrierCode, readonly string[]> = {
  shunfeng: ['顺丰', '顺丰快递'],
  zhongtong: ['中通', '中通速递'],
  yuantong: ['圆通', '圆通快递'],
  yunda: ['韵达', '韵达速递'],
  shentong: ['申通', '申通速递'],
  jd: ['京东', '京东快递'],
  ems: ['中国邮政EMS', '邮政EMS'],
  youzhengguonei: ['邮政', '中国邮政', '邮政包裹'],
  jtexpress: ['极兔', '极兔快递'],
};

const carrierKey = (text: string) => text.trim().replace(/\s+/g, '').toLowerCase();

let carrierByName: ReadonlyMap<string, CarrierCode> | undefined;

/** The carrier a text names: its code (`shunfeng`), its name (`顺丰速运`, `顺丰`) or its WeChat code (`SF`). */
export function carrierFrom(text: string): CarrierCode | undefined {
  carrierByName ??= new Map(
    (Object.keys(CARRIERS) as CarrierCode[]).flatMap((code) =>
      [code, CARRIERS[code].name, CARRIERS[code].wechatDeliveryId, ...CARRIER_ALIASES[code]].map(
        (name) => [carrierKey(name), code] as const,
      ),
    ),
  );
  return carrierByName.get(carrierKey(text));
}

/** What can be wrong with a row of the CSV: its own shape, or the order it names. */
export const shipmentRowProblemSchema = z.enum([
  /** The file is not CSV the parser can read (an unclosed quote). */
  'unreadable',
  /** Not three columns. */
  'bad_columns',
  'bad_order_id',
  'bad_carrier',
  'bad_tracking_no',
  /** The same order on an earlier line. */
  'duplicate_order',
  /** Past the most rows one import takes (`MAX_IMPORT_ROWS`). */
  'too_many_rows',
  /** Nothing but a header, or nothing at all. */
  'no_rows',
  ...shipRefusalSchema.options,
]);
export type ShipmentRowProblem = z.infer<typeof shipmentRowProblemSchema>;

const ROW_LABELS: Record<Exclude<ShipmentRowProblem, ShipRefusal>, string> = {
  unreadable: '无法读取（引号未闭合？）',
  bad_columns: '应为 3 列：订单号,快递公司,运单号',
  bad_order_id: '订单号为空或过长',
  bad_carrier: '不认识的快递公司',
  bad_tracking_no: '运单号应为 6–32 位字母或数字',
  duplicate_order: '同一订单在文件中出现多次',
  too_many_rows: '一次最多导入 500 行，请分批导入',
  no_rows: '文件中没有运单',
};

/** A row's problem as staff read it. */
export const rowProblemLabel = (problem: ShipmentRowProblem): string =>
  problem in SHIP_REFUSAL_LABELS
    ? SHIP_REFUSAL_LABELS[problem as ShipRefusal]
    : ROW_LABELS[problem as keyof typeof ROW_LABELS];

/** A line of the file as the CSV parser read it: its line number (from 1) and its fields. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface ShipmentRow extends Waybill {
  readonly line: number;
  readonly orderId: string;
}

export interface RowProblem {
  readonly line: number;
  readonly orderId?: string;
  readonly problem: ShipmentRowProblem;
}

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 500;

/** A first line naming the columns (`orderId,...` or `订单号,...`) is a header, not an order. */
const isHeader = (fields: readonly string[]): boolean => {
  const first = carrierKey(fields[0] ?? '').replace(/[_-]/g, '');
  return first === 'orderid' || first.startsWith('订单');
};

/**
 * The rows of a waybill CSV, each checked on its own (three columns, an order id, a known carrier, a waybill
 * number) and against the rows before it (an order once). Every problem is reported, with its line; a file
 * with no rows, or more than `MAX_IMPORT_ROWS`, is one problem.
 */
export function readShipmentRows(records: readonly CsvRecord[]): {
  readonly rows: readonly ShipmentRow[];
  readonly problems: readonly RowProblem[];
} {
  const rows: ShipmentRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  const meaningful = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const body = meaningful.length > 0 && isHeader(meaningful[0]?.fields ?? []) ? meaningful.slice(1) : meaningful;
  if (body.length === 0) return { rows, problems: [{ line: 1, problem: 'no_rows' }] };
  const tooMany = body[MAX_IMPORT_ROWS];
  if (tooMany) return { rows, problems: [{ line: tooMany.line, problem: 'too_many_rows' }] };
  for (const record of body) {
    const { line } = record;
    // Spreadsheets often save empty columns after the last one: they are not columns of ours.
    const fields = record.fields.map((f) => f.trim());
    while (fields.length > 3 && fields.at(-1) === '') fields.pop();
    const [rawOrder = '', rawCarrier = '', rawNumber = ''] = fields;
    const orderId = rawOrder === '' ? undefined : rawOrder;
    const problem = (p: ShipmentRowProblem) => problems.push({ line, ...(orderId ? { orderId } : {}), problem: p });
    if (fields.length !== 3) {
      problem('bad_columns');
      continue;
    }
    if (!orderId || orderId.length > 64) {
      problem('bad_order_id');
      continue;
    }
    const carrier = carrierFrom(rawCarrier);
    if (!carrier) problem('bad_carrier');
    const number = trackingNoSchema.safeParse(rawNumber);
    if (!number.success) problem('bad_tracking_no');
    if (seen.has(orderId)) {
      problem('duplicate_order');
      continue;
    }
    seen.add(orderId);
    if (carrier && number.success) rows.push({ line, orderId, carrier, trackingNo: number.data });
  }
  return { rows, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Pickup codes (取货码): six digits, unique among the codes open at one point.

/** How many codes one arrival draws before giving up (a point with a million open codes). */
export const PICKUP_CODE_ATTEMPTS = 50;

/**
 * A pickup code none of `taken` holds, from `randomInt` (uniform in [0, max)); the server supplies a secure
 * source. Undefined when every attempt met a taken one.
 */
export function drawPickupCode(randomInt: (max: number) => number, taken: ReadonlySet<string>): string | undefined {
  for (let attempt = 0; attempt < PICKUP_CODE_ATTEMPTS; attempt++) {
    const code = String(randomInt(1_000_000)).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
  return undefined;
}

/** The key of a code at a point: one code is open at one point for one order at a time. */
export const pickupCodeKey = (pickupPointId: string, code: string): string => `${pickupPointId}-${code}`;

type PickupOrder = Pick<Order, 'status' | 'delivery' | 'shipment' | 'pickupCode'>;

/** Whether `order` holds `code` open at `pickupPointId`: arrived there and not collected yet. */
export const holdsOpenCode = (order: PickupOrder | null, pickupPointId: string, code: string): boolean =>
  order !== null &&
  order.status === ORDER_AT_POINT_STATUS &&
  order.pickupCode === code &&
  order.delivery.kind === 'pickup' &&
  order.delivery.pickupPointId === pickupPointId;

/**
 * What marking a batch arrived does to one of its orders: it arrives (and needs a code), it arrived before
 * (a repeat), or it left the batch's way (refunded meanwhile): skipped.
 */
export function arrivalOf(order: PickupOrder | null, batchId: string): 'arrive' | 'already' | 'skip' {
  if (!order || order.shipment?.kind !== 'pickup' || order.shipment.batchId !== batchId) return 'skip';
  if (order.status === ORDER_SHIPPED_STATUS) return 'arrive';
  return order.shipment.arrivedAt !== undefined ? 'already' : 'skip';
}

/**
 * A code checked at a point (核销): the order holding it open is collected now; a code its order was
 * collected with before answers when; anything else (a wrong code, another point's order) is invalid.
 */
export type PickupVerification =
  | { readonly kind: 'pick_up' }
  | { readonly kind: 'already'; readonly collectedAt: number }
  | { readonly kind: 'invalid' };

export function verifyPickupCode(
  order: (PickupOrder & Pick<Order, 'receivedAt'>) | null,
  pickupPointId: string,
  code: string,
): PickupVerification {
  if (holdsOpenCode(order, pickupPointId, code)) return { kind: 'pick_up' };
  const collected =
    order !== null &&
    order.pickupCode === code &&
    order.delivery.kind === 'pickup' &&
    order.delivery.pickupPointId === pickupPointId &&
    order.receivedAt !== undefined &&
    orderMachine.reachableFrom(orderMachine.transition(FULFILMENT_EVENTS.pickUp).to).includes(order.status);
  return collected && order.receivedAt !== undefined
    ? { kind: 'already', collectedAt: order.receivedAt }
    : { kind: 'invalid' };
}

// ---------------------------------------------------------------------------------------------------------------
// Receipt, the after-sales window, completion.

/** The after-sales window in days, as the environment may configure it (`AFTER_SALE_WINDOW_DAYS`). */
export function afterSaleWindowDays(configured: string | undefined): number {
  if (configured === undefined || configured.trim() === '') return DEFAULT_AFTER_SALE_WINDOW_DAYS;
  const days = Number(configured);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new Error(`AFTER_SALE_WINDOW_DAYS must be a whole number of days from 1 to 90, not "${configured}"`);
  }
  return days;
}

/** What receiving (or collecting) the goods writes: when, and until when after-sales may be asked. */
export const receiptAt = (receivedAt: number, windowDays: number) => ({
  receivedAt,
  afterSaleEndsAt: receivedAt + windowDays * DAY_MS,
});

/** Express parcels shipped at or before this instant are received by the system now. */
export const autoReceiveCutoff = (now: number): number => now - AUTO_RECEIVE_AFTER_MS;

/** An express order received, then completed (not one refunded since). */
const RECEIVED_STATUSES = /* @__PURE__ */ orderMachine
  .reachableFrom(orderMachine.transition(FULFILMENT_EVENTS.receive).to)
  .filter((status) => !ORDER_REFUND_STATUSES.includes(status));

/**
 * A shopper's 确认收货 on their order: an express parcel on its way is received now; an order received
 * before (by them, or by the system after 10 days) answers as it is; anything else cannot be received so.
 */
export function receiptDecision(
  order: Pick<Order, 'status' | 'shipment' | 'receivedAt'>,
): 'receive' | 'already' | 'refused' {
  if (order.shipment?.kind !== 'express') return 'refused';
  if (orderMachine.sourcesOf(FULFILMENT_EVENTS.receive).includes(order.status)) return 'receive';
  return RECEIVED_STATUSES.includes(order.status) && order.receivedAt !== undefined ? 'already' : 'refused';
}

/** Whether a delivered order's after-sales window has closed with no request open: it completes. */
export const isCompletable = (
  order: Pick<Order, 'status' | 'afterSaleEndsAt' | 'openAfterSaleId'>,
  now: number,
): boolean =>
  orderMachine.sourcesOf(FULFILMENT_EVENTS.complete).includes(order.status) &&
  order.afterSaleEndsAt !== undefined &&
  order.afterSaleEndsAt <= now &&
  !order.openAfterSaleId;
