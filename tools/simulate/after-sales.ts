/**
 * After delivery, after-sales (售后): shoppers ask (仅退款 of part or all, 退货退款, 换货; some from two forms
 * at once, some tapping twice), the merchant approves or declines while the processAfterSales job approves
 * what waited 48 hours (the deadline moved, then both at once), some shoppers withdraw just as the merchant
 * approves, customer service refunds part of an order just as its request's refund is asked for, returns go
 * back (or their 7 days pass), the merchant confirms them and ships replacements, shoppers confirm those (or
 * 10 days pass), and windows close, some just as the shopper asks (completeOrders run at that moment). Each
 * deadline is reached by moving it, through `/admin`, the way time passing would; what each step finds is
 * read from the database, as the shopper's and the merchant's screens would show it.
 */
import { randomUUID } from 'node:crypto';
import type { AfterSaleStatus } from '../../shared/src/domain/after-sale.machine';
import { MINUTE_MS, sleep } from './clock';
import { type OrderPlan, shareOf } from './fulfilment-plan';
import { type PhaseDeps, type PhaseTally, staffRefund, waybillFor } from './fulfilment';
import { callAs } from './shoppers';

interface OrderNow {
  readonly _id: string;
  readonly status: string;
  readonly total: number;
  readonly refundedAmount?: number;
  readonly openAfterSaleId?: string;
}

interface AfterSaleNow {
  readonly _id: string;
  readonly orderId: string;
  readonly type: string;
  readonly status: AfterSaleStatus;
}

const DELIVERED = new Set(['received', 'picked_up']);
const ON_ITS_WAY = new Set(['shipped', 'at_pickup_point']);

/** How far ahead of the moment of the race a closing window is set, and how far the racers spread around it (real ms). */
const RACE_LEAD_REAL_MS = 2_000;
const RACE_SPREAD_REAL_MS = 400;

export class AfterSales {
  private readonly byOrder: ReadonlyMap<string, OrderPlan>;

  constructor(
    private readonly deps: PhaseDeps,
    private readonly plans: readonly OrderPlan[],
    private readonly tally: PhaseTally,
  ) {
    this.byOrder = new Map(plans.map((p) => [p.orderId, p]));
  }

  /** Every round in turn. */
  async play(): Promise<void> {
    const rounds: [string, () => Promise<void>][] = [
      ['requests', () => this.request()],
      ['reviews', () => this.review()],
      ['returns', () => this.returns()],
      ['replacements', () => this.replacements()],
      ['windows', () => this.windows()],
    ];
    for (const [name, round] of rounds) {
      await round();
      this.deps.log(`after-sales: ${name} done`);
    }
  }

  private count(event: string, n = 1): void {
    if (n !== 0) this.tally.events[event] = (this.tally.events[event] ?? 0) + n;
  }

  private shopper<T>(fn: string, openid: string, data: Record<string, unknown>) {
    return callAs<T>(this.deps, this.tally.shoppers, fn, openid, data);
  }

  private async orders(ids: readonly string[]): Promise<OrderNow[]> {
    return this.deps.client.find<OrderNow>('orders', { _id: { $in: [...ids] } });
  }

  private async requestsIn(status: AfterSaleStatus): Promise<AfterSaleNow[]> {
    const requests = await this.deps.client.find<AfterSaleNow>('after_sales', {
      orderId: { $in: this.plans.map((p) => p.orderId) },
      status,
    });
    return requests.sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  /**
   * The requests' deadline passes (their 48 hours, 7 days or 10 days: moved to now, if they are still in
   * `status`), then processAfterSales runs, twice at once, while `alongside` starts.
   */
  private async deadlinesPass(
    ids: readonly string[],
    status: AfterSaleStatus,
    fields: readonly string[],
    alongside: () => Promise<unknown>[] = () => [],
  ): Promise<void> {
    if (ids.length === 0) return;
    const now = this.deps.clock.now();
    const moved = await this.deps.client.update(
      'after_sales',
      { _id: { $in: [...ids] }, status },
      Object.fromEntries([...fields, 'dueAt'].map((field) => [field, now])),
    );
    this.count(`${status} deadlines passed`, moved);
    const { jobs } = this.deps;
    await Promise.all([jobs.runNow('processAfterSales'), jobs.runNow('processAfterSales'), ...alongside()]);
  }

  /** Round 1: the requests on shipped and delivered orders. */
  private async request(): Promise<void> {
    const planned = this.plans.filter((p) => p.afterSale);
    const current = new Map((await this.orders(planned.map((p) => p.orderId))).map((o) => [o._id, o]));
    await Promise.all(
      planned.map(async (plan) => {
        const order = current.get(plan.orderId);
        const wish = plan.afterSale;
        if (!order || !wish || !(DELIVERED.has(order.status) || ON_ITS_WAY.has(order.status))) return;
        const left = order.total - (order.refundedAmount ?? 0);
        // Exchanges are offered once the goods arrived; before, the shopper sends them back for a refund.
        const type = wish.type === 'exchange' && !DELIVERED.has(order.status) ? 'return_refund' : wish.type;
        const amount =
          type !== 'exchange' && wish.share < 1 ? Math.min(left, shareOf(order.total, wish.share)) : undefined;
        const body = (requestKey: string) => ({
          orderId: plan.orderId,
          type,
          reason: wish.reason,
          description: '模拟售后申请',
          ...(amount ? { amount } : {}),
          requestKey,
        });
        const key = randomUUID();
        const bodies =
          wish.submission === 'two_forms'
            ? [body(key), body(randomUUID())]
            : wish.submission === 'double_tap'
              ? [body(key), body(key)]
              : [body(key)];
        const answers = await Promise.all(
          bodies.map((b) => this.shopper<{ afterSaleId: string }>('requestAfterSale', plan.openid, b)),
        );
        const made = new Set(answers.flatMap((a) => (a.ok ? [a.data.afterSaleId] : [])));
        this.count(`${type} requested`, made.size);
        if (bodies.length > 1)
          this.count(`requests sent ${wish.submission === 'two_forms' ? 'from two forms' : 'by a double tap'}`);
      }),
    );
  }

  /** Round 2: the merchant's answers, the job's approvals at the deadline, withdrawals and staff refunds racing them. */
  private async review(): Promise<void> {
    const waiting = await this.requestsIn('pending_review');
    const atDeadline: AfterSaleNow[] = [];
    const answering: Promise<unknown>[] = [];
    for (const request of waiting) {
      const plan = this.byOrder.get(request.orderId);
      const review = plan?.afterSale?.review ?? 'approve';
      if (!plan) continue;
      if (review === 'left_to_job' || review === 'approve_racing_job' || review === 'decline_racing_job') {
        atDeadline.push(request);
        continue;
      }
      answering.push(
        this.answer(
          plan,
          request,
          review === 'decline' ? 'decline' : 'approve',
          review === 'approve_racing_withdrawal',
        ),
      );
    }
    await Promise.all(answering);
    // The 48 hours pass for the rest: the job approves them, as the merchant answers some of them at that moment.
    const racing = () =>
      atDeadline.flatMap((request) => {
        const plan = this.byOrder.get(request.orderId);
        const review = plan?.afterSale?.review;
        if (!plan) return [];
        if (review === 'approve_racing_job') return [this.answer(plan, request, 'approve', false)];
        if (review === 'decline_racing_job') return [this.answer(plan, request, 'decline', false)];
        // Left to the job: customer service may still refund part as the job asks for the request's refund.
        return this.staffRefundsWith(plan, request);
      });
    this.count('reviews left to the 48-hour deadline', atDeadline.length);
    await this.deadlinesPass(
      atDeadline.map((r) => r._id),
      'pending_review',
      ['reviewDeadlineAt'],
      racing,
    );
  }

  /** Staff refunds racing a refund-only request's own refund. */
  private staffRefundsWith(plan: OrderPlan, request: AfterSaleNow): Promise<unknown>[] {
    if (plan.staffRefund?.when !== 'with_after_sale' || request.type !== 'refund_only') return [];
    return [this.staffRefund(plan)];
  }

  private async staffRefund(plan: OrderPlan): Promise<void> {
    const refunded = await staffRefund(this.deps.staff, plan, '客服补偿，部分退款');
    if (refunded.ok) this.count('staff partial refunds racing an after-sales refund');
  }

  private async answer(plan: OrderPlan, request: AfterSaleNow, verdict: 'approve' | 'decline', withdrawal: boolean) {
    const who = { merchantId: plan.merchantId };
    const decided =
      verdict === 'approve'
        ? this.deps.staff.act<{ afterSale: { status: string } }>(who, 'approveAfterSale', {
            afterSaleId: request._id,
            requestKey: randomUUID(),
          })
        : this.deps.staff.act<{ afterSale: { status: string } }>(who, 'declineAfterSale', {
            afterSaleId: request._id,
            requestKey: randomUUID(),
            reason: '商品无质量问题，不予退款',
          });
    const withdrawn = withdrawal
      ? this.shopper('withdrawAfterSale', plan.openid, { afterSaleId: request._id })
      : Promise.resolve(undefined);
    const [answer, shopper] = await Promise.all([decided, withdrawn, ...this.staffRefundsWith(plan, request)]);
    if (answer.ok)
      this.count(verdict === 'approve' ? 'requests approved by the merchant' : 'requests declined by the merchant');
    if (shopper?.ok) this.count('requests withdrawn');
    if (withdrawal) this.count('withdrawals racing an approval');
  }

  /** Round 3: returns sent back (or their 7 days pass), then received by the merchant, staff refunds racing their refund. */
  private async returns(): Promise<void> {
    const approved = await this.requestsIn('awaiting_return');
    const unsent: string[] = [];
    await Promise.all(
      approved.map(async (request) => {
        const plan = this.byOrder.get(request.orderId);
        if (!plan?.afterSale?.returnSent) {
          unsent.push(request._id);
          return;
        }
        const sent = await this.shopper('submitReturnParcel', plan.openid, {
          afterSaleId: request._id,
          ...waybillFor(`RT${request._id}`),
        });
        if (sent.ok) this.count('returns sent back');
      }),
    );
    await this.deadlinesPass(unsent, 'awaiting_return', ['returnDeadlineAt']);
    const returning = await this.requestsIn('returning');
    await Promise.all(
      returning.map(async (request) => {
        const plan = this.byOrder.get(request.orderId);
        if (!plan) return;
        const received = this.deps.staff.act({ merchantId: plan.merchantId }, 'confirmReturnReceived', {
          afterSaleId: request._id,
          requestKey: randomUUID(),
        });
        const racing =
          plan.staffRefund?.when === 'with_after_sale' && request.type === 'return_refund'
            ? [this.staffRefund(plan)]
            : [];
        const [answer] = await Promise.all([received, ...racing]);
        if (answer.ok) this.count('returns received by the merchant');
      }),
    );
  }

  /** Round 4: replacements shipped, then confirmed by the shopper (or 10 days pass). */
  private async replacements(): Promise<void> {
    const waiting = await this.requestsIn('awaiting_replacement');
    await Promise.all(
      waiting.map(async (request) => {
        const plan = this.byOrder.get(request.orderId);
        if (!plan) return;
        const shipped = await this.deps.staff.act({ merchantId: plan.merchantId }, 'shipReplacement', {
          afterSaleId: request._id,
          requestKey: randomUUID(),
          ...waybillFor(`HH${request._id}`),
        });
        if (shipped.ok) this.count('replacements shipped');
      }),
    );
    const shipped = await this.requestsIn('replacement_shipped');
    const unconfirmed: string[] = [];
    await Promise.all(
      shipped.map(async (request) => {
        const plan = this.byOrder.get(request.orderId);
        if (!plan?.afterSale?.replacementConfirmed) {
          unconfirmed.push(request._id);
          return;
        }
        const confirmed = await this.shopper('confirmReplacementReceived', plan.openid, { afterSaleId: request._id });
        if (confirmed.ok) this.count('replacements confirmed received');
      }),
    );
    await this.deadlinesPass(unconfirmed, 'replacement_shipped', []);
  }

  /**
   * Round 5: windows close. Most close quietly (moved past; completeOrders completes the orders with no request
   * open); some close just as the shopper asks: the window is set to close a moment ahead, and at that moment
   * the shopper's request and completeOrders race.
   */
  private async windows(): Promise<void> {
    const { client, clock, jobs } = this.deps;
    const delivered = (await this.orders(this.plans.map((p) => p.orderId))).filter((o) => DELIVERED.has(o.status));
    const closing = delivered.filter((o) => this.byOrder.get(o._id)?.window === 'closes').map((o) => o._id);
    const racing = delivered.filter((o) => this.byOrder.get(o._id)?.window === 'race');
    if (closing.length > 0) {
      const moved = await client.update(
        'orders',
        { _id: { $in: closing }, status: { $in: [...DELIVERED] } },
        { afterSaleEndsAt: clock.now() - MINUTE_MS },
      );
      this.count('windows closed', moved);
    }
    if (racing.length === 0) return;
    const closesAt = clock.now() + RACE_LEAD_REAL_MS * clock.scale;
    await client.update(
      'orders',
      { _id: { $in: racing.map((o) => o._id) }, status: { $in: [...DELIVERED] } },
      { afterSaleEndsAt: closesAt },
    );
    const at = (offsetRealMs: number) => sleep(clock.realMs(closesAt - clock.now()) + offsetRealMs);
    const spread = (key: string) => ((hashOf(key) % 1000) / 1000 - 0.5) * 2 * RACE_SPREAD_REAL_MS;
    const asks = racing.map(async (order) => {
      const plan = this.byOrder.get(order._id);
      if (!plan) return;
      await at(spread(order._id));
      const asked = await this.shopper('requestAfterSale', plan.openid, {
        orderId: order._id,
        type: 'refund_only',
        reason: 'quality',
        description: '最后一刻申请售后',
        amount: shareOf(order.total, 0.2),
        requestKey: randomUUID(),
      });
      if (asked.ok) this.count('requests made as the window closed');
    });
    const runs = [-RACE_SPREAD_REAL_MS, 0, RACE_SPREAD_REAL_MS].map(async (offset) => {
      await at(offset);
      await jobs.runNow('completeOrders');
    });
    await Promise.all([...asks, ...runs]);
    this.count('windows closing as the shopper asks', racing.length);
  }
}

const hashOf = (text: string): number => {
  let hash = 0;
  for (const c of text) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return hash;
};
