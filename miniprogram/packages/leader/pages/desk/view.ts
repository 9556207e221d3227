/**
 * What the 自提点工作台 shows (团长中心): the point the 团长 keeps, today's arrivals by SKU, who is due to collect
 * what (nickname masked, oldest arrival first; never a pickup code: the shopper brings theirs), what was collected
 * today, and 核销: the code from the shopper's QR (`wx.scanCode`: exactly the six digits the order page draws) or
 * typed, and what the check came to, said at the counter.
 */
import {
  type Envelope,
  formatBusinessTime,
  type getPickupDeskContract,
  pickupCodeOfScan,
  pickupCodeOfTyped,
  type ResponseOf,
  type verifyPickupAtPointContract,
} from '@shared/client';

export type PickupDesk = ResponseOf<typeof getPickupDeskContract>;
export type PickupVerified = ResponseOf<typeof verifyPickupAtPointContract>;

export interface ArrivalRow {
  readonly key: string;
  readonly goods: string;
  readonly units: string;
  readonly waiting: string;
}

export interface DeskRow {
  readonly key: string;
  readonly shopper: string;
  readonly goods: string;
  readonly when: string;
}

export interface DeskView {
  readonly pointName: string;
  readonly pointAddress: string;
  readonly arrivals: ArrivalRow[];
  readonly due: DeskRow[];
  readonly collected: DeskRow[];
  /** Titles with their counts: `待取货（3）`. */
  readonly dueTitle: string;
  readonly collectedTitle: string;
}

export type DeskState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly desk: DeskView };

const clock = (at: number) => formatBusinessTime(at, 'HH:mm');
const dayAndClock = (at: number, dayStart: number) =>
  at >= dayStart ? clock(at) : formatBusinessTime(at, 'MM-DD HH:mm');
const goods = (row: { title: string; spec: string; quantity?: number }) =>
  `${row.title} ${row.spec}${row.quantity !== undefined ? ` × ${row.quantity}` : ''}`;
const count = (rows: readonly unknown[], more: boolean) => `${rows.length}${more ? '+' : ''}`;

export function deskView(desk: PickupDesk): DeskView {
  return {
    pointName: desk.pickupPoint.name,
    pointAddress: desk.pickupPoint.address,
    arrivals: desk.arrivals.map((a) => ({
      key: a.skuId,
      goods: goods(a),
      units: `${a.units} 件（${a.orders} 单）`,
      waiting: a.unitsWaiting > 0 ? `待取 ${a.unitsWaiting} 件` : '已取完',
    })),
    due: desk.due.map((d) => ({
      key: d.orderId,
      shopper: d.phoneTail ? `${d.shopper} 尾号${d.phoneTail}` : d.shopper,
      goods: goods(d),
      when: `${dayAndClock(d.arrivedAt, desk.dayStart)} 到达`,
    })),
    collected: desk.collected.map((c) => ({
      key: c.orderId,
      shopper: c.phoneTail ? `${c.shopper} 尾号${c.phoneTail}` : c.shopper,
      goods: goods(c),
      when: `${clock(c.collectedAt)} 取走`,
    })),
    dueTitle: `待取货（${count(desk.due, desk.dueMore)}）`,
    collectedTitle: `今日已取（${count(desk.collected, desk.collectedMore)}）`,
  };
}

export function deskLoaded(answer: Envelope<PickupDesk>): DeskState {
  return answer.ok
    ? { state: 'ready', message: '', desk: deskView(answer.data) }
    : { state: 'error', message: answer.error.message };
}

/** The code to check from what `wx.scanCode` read, or why not. */
export function scannedCode(result: string): { code: string } | { problem: string } {
  const code = pickupCodeOfScan(result);
  return code ? { code } : { problem: '这不是取货码，请扫描顾客订单页的取货二维码' };
}

/** The code to check from what was typed, or why not. */
export function typedCode(text: string): { code: string } | { problem: string } {
  const code = pickupCodeOfTyped(text);
  return code ? { code } : { problem: '请输入 6 位数字取货码' };
}

/** What a check came to: the toast at the counter and the line the page keeps. */
export interface VerifyResult {
  readonly ok: boolean;
  readonly toast: string;
  readonly title: string;
  readonly detail: string;
}

export function verifyResult(answer: Envelope<PickupVerified>): VerifyResult {
  if (!answer.ok) return { ok: false, toast: answer.error.message, title: answer.error.message, detail: '' };
  const { order, outcome, collectedAt } = answer.data;
  const detail = `${order.shopper} · ${goods(order)}`;
  return outcome === 'collected'
    ? { ok: true, toast: '核销成功，请交付商品', title: '核销成功，请交付商品', detail }
    : {
        ok: false,
        toast: `已于 ${formatBusinessTime(collectedAt, 'MM-DD HH:mm')} 取货`,
        title: `已于 ${formatBusinessTime(collectedAt, 'MM-DD HH:mm')} 取货，请勿重复交付`,
        detail,
      };
}
