/**
 * After the sale, the goods leave (`npm run simulate`'s fulfilment phase). Each merchant's staff read their
 * 待发货 list in the console, ship the express orders in parts (waybill per order; some parts sent twice at
 * once, a double click; a part the request's budget did not reach sent again) and send each pickup point's
 * orders as one batch (some batches sent twice at once under one key), while some shoppers ask for their money
 * back before anything ships (from two forms at once, for some) and customer service refunds part of some
 * orders. Batches arrive at their points (marked twice at once, now and then); express shoppers confirm
 * receipt (some after a look at the track; for some nobody does and 10 days pass: the shipping date is moved
 * back, the clock's way of passing), and pickup shoppers show their code, which the merchant scans (twice at
 * once, now and then), or at a 团长's point the leader scans it at their desk (`leaders.ts`). Everything goes through the functions and the console's HTTP API.
 */
import { randomUUID } from 'node:crypto';
import { AUTO_RECEIVE_AFTER_MS, CARRIERS, type CarrierCode } from '../../shared/src/domain/shipment.schema';
import type { EmulatorClient } from './client';
import { MINUTE_MS, type SimClock } from './clock';
import { type OrderPlan, shareOf, sometimes } from './fulfilment-plan';
import type { JobRunner } from './jobs';
import type { LeaderDesk } from './leaders';
import type { Limiter } from './limiter';
import { type CallTally, callAs } from './shoppers';
import type { StaffDesk, StaffMember } from './staff';
import type { Telemetry } from './telemetry';

/** What the phases after the sale need. */
export interface PhaseDeps {
  readonly client: EmulatorClient;
  readonly limiter: Limiter;
  readonly telemetry: Telemetry;
  readonly clock: SimClock;
  readonly staff: StaffDesk;
  readonly jobs: JobRunner;
  /** Prefix of this run's keys (batches). */
  readonly tag: string;
  readonly log: (line: string) => void;
}

/** What happened after the sale: events by name, and the shoppers' refusals and failures. */
export interface PhaseTally {
  readonly events: Record<string, number>;
  readonly shoppers: CallTally;
}

export const newPhaseTally = (): PhaseTally => ({ events: {}, shoppers: { refused: {}, errors: {} } });

/** Orders per shipOrders request: well within the 6 s the function gives itself on a busy machine. */
const SHIP_PART = 25;
/** A request sent again while it leaves orders unfinished, at most this many times. */
const RESENDS = 6;
/** The carriers the merchants use (顺丰 and 中通 want the receiver's phone: the orders have it). */
const USED_CARRIERS: readonly CarrierCode[] = ['yunda', 'zhongtong', 'yuantong', 'shentong', 'jd', 'shunfeng'];

/** A waybill for this parcel: a carrier, and a number of the carrier's code and the parcel's own id. */
export function waybillFor(parcelId: string): { carrier: CarrierCode; trackingNo: string } {
  let hash = 0;
  for (const c of parcelId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const carrier = USED_CARRIERS[hash % USED_CARRIERS.length] ?? 'yunda';
  const trackingNo = `${CARRIERS[carrier].wechatDeliveryId}${parcelId.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 32);
  return { carrier, trackingNo };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

interface ToShip {
  readonly orderId: string;
  readonly afterSaleOpen: boolean;
  readonly delivery: { readonly kind: 'address' | 'pickup'; readonly pickupPointId?: string };
}

interface ShipAnswer {
  readonly results: readonly { orderId: string; outcome: 'done' | 'repeat' | 'refused' | 'unfinished' }[];
  readonly done: number;
  readonly repeated: number;
  readonly refused: number;
  readonly unfinished: number;
}

export class Fulfilment {
  /** Batches sent, by merchant, to mark arrived. */
  private readonly batches: { readonly merchantId: string; readonly batchId: string }[] = [];

  constructor(
    private readonly deps: PhaseDeps,
    private readonly plans: readonly OrderPlan[],
    private readonly tally: PhaseTally,
    /** The 团长 keeping some points: their desk verifies the codes shown there, not the merchant. */
    private readonly desk?: LeaderDesk,
  ) {}

  private count(event: string, n = 1): void {
    if (n !== 0) this.tally.events[event] = (this.tally.events[event] ?? 0) + n;
  }

  private shopper<T>(fn: string, openid: string, data: Record<string, unknown>) {
    return callAs<T>(this.deps, this.tally.shoppers, fn, openid, data);
  }

  private get merchants(): string[] {
    return [...new Set(this.plans.map((p) => p.merchantId))].sort();
  }

  /** The merchants ship everything on their lists, while refunds before shipping race them. */
  async ship(): Promise<void> {
    await Promise.all([
      Promise.all(this.merchants.map((merchantId) => this.shipFor(merchantId, 1))),
      this.refundsBeforeShipping(),
    ]);
    // The lists' pages moved while orders left them: a second look ships what the first missed.
    await Promise.all(this.merchants.map((merchantId) => this.shipFor(merchantId, 2)));
  }

  /** The batches reach their points. */
  async arrive(): Promise<void> {
    await Promise.all(
      this.batches.map(async ({ merchantId, batchId }) => {
        const who = { merchantId };
        const twice = sometimes(batchId, 0.15);
        const first = await Promise.all(
          (twice ? [1, 2] : [1]).map(() =>
            this.deps.staff.act<{ unfinished: number; newlyArrived: number }>(who, 'markBatchArrived', { batchId }),
          ),
        );
        let unfinished = Math.min(...first.map((a) => (a.ok ? a.data.unfinished : 1)));
        this.count(
          'orders arrived at their point',
          first.reduce((n, a) => n + (a.ok ? a.data.newlyArrived : 0), 0),
        );
        for (let i = 0; i < RESENDS && unfinished > 0; i++) {
          const again = await this.deps.staff.act<{ unfinished: number; newlyArrived: number }>(
            who,
            'markBatchArrived',
            { batchId },
          );
          unfinished = again.ok ? again.data.unfinished : 1;
          if (again.ok) this.count('orders arrived at their point', again.data.newlyArrived);
        }
        if (twice) this.count('batches marked arrived twice at once');
      }),
    );
  }

  /** Express parcels on their way are received, pickup orders waiting at their point collected, as each plan says. */
  async deliver(): Promise<void> {
    const orders = await this.deps.client.find<{ _id: string; status: string }>('orders', {
      _id: { $in: this.plans.map((p) => p.orderId) },
      status: { $in: ['shipped', 'at_pickup_point'] },
    });
    const waiting = new Set(orders.map((o) => o._id));
    const plans = this.plans.filter((p) => waiting.has(p.orderId));
    const leftToJob = plans.filter((p) => p.delivery === 'address' && p.receipt === 'left_to_job');
    await Promise.all([
      ...plans.map((plan) => (plan.delivery === 'address' ? this.receive(plan) : this.collect(plan))),
      this.tenDaysPass(leftToJob.map((p) => p.orderId)),
    ]);
  }

  private async receive(plan: OrderPlan): Promise<void> {
    if (plan.receipt === 'never' || plan.receipt === 'left_to_job') return;
    if (plan.receipt === 'track_then_confirm') {
      const track = await this.shopper<{ kind: string }>('getOrderTrack', plan.openid, { orderId: plan.orderId });
      if (track.ok) this.count('tracks looked at');
    }
    const received = await this.shopper('confirmReceipt', plan.openid, { orderId: plan.orderId });
    if (received.ok) this.count('parcels confirmed received');
  }

  /** Nobody confirms these parcels: 10 days pass (their shipping date moves back), and completeOrders receives them. */
  private async tenDaysPass(orderIds: readonly string[]): Promise<void> {
    if (orderIds.length === 0) return;
    const moved = await this.deps.client.update(
      'orders',
      { _id: { $in: [...orderIds] }, status: 'shipped', 'shipment.kind': 'express' },
      { 'shipment.shippedAt': this.deps.clock.now() - AUTO_RECEIVE_AFTER_MS - MINUTE_MS },
    );
    this.count('parcels left for completeOrders (10 days passed)', moved);
  }

  private async collect(plan: OrderPlan): Promise<void> {
    if (plan.collection === 'never' || !plan.pickupPointId) return;
    const order = await this.shopper<{ pickupCode?: string }>('getOrder', plan.openid, { orderId: plan.orderId });
    const code = order.ok ? order.data.pickupCode : undefined;
    if (!code) return;
    if (this.desk?.keeps(plan.pickupPointId))
      return this.desk.verify(plan.pickupPointId, code, plan.collection === 'scan_twice');
    const who = { merchantId: plan.merchantId };
    const body = { pickupPointId: plan.pickupPointId, code };
    const scans = await Promise.all(
      (plan.collection === 'scan_twice' ? [1, 2] : [1]).map(() =>
        this.deps.staff.act<{ outcome: string }>(who, 'verifyPickup', body),
      ),
    );
    for (const scan of scans)
      if (scan.ok) this.count(scan.data.outcome === 'collected' ? 'pickups collected' : 'pickup codes scanned again');
  }

  /** Shoppers asking for everything back before shipping, and customer service refunding part of some orders. */
  private async refundsBeforeShipping(): Promise<void> {
    await Promise.all(
      this.plans.map(async (plan) => {
        const asks = plan.refundBeforeShipping
          ? Array.from({ length: plan.refundBeforeShipping.twice ? 2 : 1 }, () =>
              this.shopper<{ status: string }>('requestAfterSale', plan.openid, {
                orderId: plan.orderId,
                type: 'refund_only',
                reason: 'no_longer_wanted',
                description: '不想要了',
                requestKey: randomUUID(),
              }),
            )
          : [];
        const staff =
          plan.staffRefund?.when === 'before_shipping'
            ? [staffRefund(this.deps.staff, plan, '少发一件，部分退款')]
            : [];
        const [answers, refunds] = await Promise.all([Promise.all(asks), Promise.all(staff)]);
        const opened = answers.filter((a) => a.ok).length;
        this.count('refunds asked before shipping', opened);
        if (answers.length > 1) this.count('refunds before shipping asked twice at once');
        this.count('staff partial refunds before shipping', refunds.filter((r) => r.ok).length);
      }),
    );
  }

  private async shipFor(merchantId: string, pass: number): Promise<void> {
    const who = { merchantId };
    const list = await this.toShip(who);
    const express = list.filter((o) => o.delivery.kind === 'address' && !o.afterSaleOpen).map((o) => o.orderId);
    const points = [
      ...new Set(
        list.flatMap((o) =>
          o.delivery.kind === 'pickup' && o.delivery.pickupPointId && !o.afterSaleOpen
            ? [o.delivery.pickupPointId]
            : [],
        ),
      ),
    ];
    this.count('orders flagged on the list (after-sales open)', list.filter((o) => o.afterSaleOpen).length);
    await Promise.all([
      ...chunks(express, SHIP_PART).map((part) => this.shipPart(who, part)),
      ...points.map((point) => this.dispatch(who, point, pass)),
    ]);
  }

  /** The merchant's whole 待发货 list, page by page. */
  private async toShip(who: StaffMember): Promise<ToShip[]> {
    const items: ToShip[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.deps.staff.act<{ items: ToShip[]; hasMore: boolean }>(who, 'listOrdersToShip', {
        limit: 100,
        offset,
      });
      if (!page.ok) return items;
      items.push(...page.data.items);
      if (!page.data.hasMore || offset >= 9_900) return items;
    }
  }

  private async shipPart(who: StaffMember, orderIds: readonly string[]): Promise<void> {
    let left = [...orderIds];
    const twice = sometimes(orderIds[0] ?? '', 0.1);
    for (let attempt = 0; attempt <= RESENDS && left.length > 0; attempt++) {
      const body = { shipments: left.map((orderId) => ({ orderId, ...waybillFor(orderId) })) };
      const copies = attempt === 0 && twice ? 2 : 1;
      const answers = await Promise.all(
        Array.from({ length: copies }, () => this.deps.staff.act<ShipAnswer>(who, 'shipOrders', body)),
      );
      if (copies > 1) this.count('shipOrders sent twice at once');
      // A request refused whole (or failing) is not sent again: what it left is left for the second look.
      if (answers.every((a) => !a.ok)) return;
      const unfinished = new Set(left);
      for (const answer of answers) {
        if (!answer.ok) continue;
        this.count('express orders shipped', answer.data.done);
        this.count('shipOrders repeats', answer.data.repeated);
        this.count('shipOrders refused', answer.data.refused);
        for (const r of answer.data.results) if (r.outcome !== 'unfinished') unfinished.delete(r.orderId);
      }
      left = left.filter((id) => unfinished.has(id));
    }
  }

  private async dispatch(who: { merchantId: string }, pickupPointId: string, pass: number): Promise<void> {
    const requestKey = `sim-${this.deps.tag}-${who.merchantId}-${pickupPointId}-${pass}`
      .replace(/[^A-Za-z0-9-]/g, '')
      .slice(0, 62);
    const twice = sometimes(requestKey, 0.15);
    let batchId: string | undefined;
    for (let attempt = 0; attempt <= RESENDS; attempt++) {
      const copies = attempt === 0 && twice ? 2 : 1;
      const answers = await Promise.all(
        Array.from({ length: copies }, () =>
          this.deps.staff.act<ShipAnswer & { batchId: string }>(who, 'dispatchToPickupPoint', {
            pickupPointId,
            requestKey,
          }),
        ),
      );
      if (copies > 1) this.count('batches sent twice at once');
      // Refused (nothing left to send there: refunded meanwhile) or failing: not sent again.
      if (answers.every((a) => !a.ok)) break;
      let unfinished = 0;
      for (const answer of answers) {
        if (!answer.ok) continue;
        batchId = answer.data.batchId;
        this.count('pickup orders dispatched', answer.data.done);
        this.count('dispatch repeats', answer.data.repeated);
        this.count('dispatch refused', answer.data.refused);
        unfinished = Math.max(unfinished, answer.data.unfinished);
      }
      if (unfinished === 0) break;
    }
    if (batchId && !this.batches.some((b) => b.batchId === batchId)) {
      this.batches.push({ merchantId: who.merchantId, batchId });
      this.count('batches sent');
    }
  }
}

/** Customer service refunds the plan's share of the order (a missing item, a goodwill gesture). */
export function staffRefund(staff: StaffDesk, plan: OrderPlan, reason: string) {
  return staff.act<{ refund: { outRefundNo: string } }>('service', 'refundOrder', {
    orderId: plan.orderId,
    amount: shareOf(plan.total, plan.staffRefund?.share ?? 0.2),
    reason,
    requestKey: randomUUID(),
  });
}
