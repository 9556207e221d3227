/**
 * The 团长 programme through a run (`npm run simulate`), every step through the functions, the console's HTTP API
 * and WeChat's sandboxes, as the leaders, their neighbours and ops would take it:
 * - before the sale, some shoppers apply to be 团长 (some tapping 提交 twice: one application), half for a
 *   seeded pickup point, half for their own shop as a new one, and one whom ops decline; ops approve the rest
 *   (some twice at once under one key); the merchants give some activities a commission rule (a rate or a fixed
 *   amount per unit, some with a bonus per successful group);
 * - during the sale, each leader opens groups (most for collection at their own point, some by express), shares
 *   them, and neighbours open the card (the visit recorded, some twice) and join through the leader's ref, to
 *   collect at the leader's point; a few groups are left a seat short and fail;
 * - when the batches have arrived, leaders open their desk (getPickupDesk), try a wrong code and codes waiting at
 *   other points (refused), and verify the codes their neighbours and the crowd bring (some scanned twice at once);
 * - after the after-sales, the windows close (the deadline moved, as time passing would) while completeOrders and
 *   settleCommissions run, twice at once (the repair job runs on its loop from then on: until then the hooks alone
 *   move the entries, which the invariants check);
 * - leaders ask to withdraw what they may (some tap twice, some send two forms at once, some ask more than they
 *   have); ops approve most and decline some (some approvals twice at once); payoutWithdrawals asks WeChat's
 *   商家转账 with its faults on (failures before and after the bill is made, notifications repeated and delayed)
 *   and the merchant's transfer balance short, so some withdrawals are flagged; ops top it up and retry them;
 *   leaders confirm their bills (a few accounts cannot receive: the bill fails and the withdrawal is voided) and
 *   WeChat sends some notifications again.
 */
import { randomUUID } from 'node:crypto';
import type { CommissionRule } from '../../shared/src/domain/commission.schema';
import { geoPoint } from '../../shared/src/domain/common.schema';
import { isInScope } from '../../shared/src/domain/scope';
import type { SimCatalog, SimPickupPoint } from './catalog';
import type { EmulatorClient, Outcome } from './client';
import { HOUR_MS, MINUTE_MS, type SimClock, sleep } from './clock';
import { sometimes } from './fulfilment-plan';
import type { JobRunner } from './jobs';
import { COMMISSION_JOBS, PAYOUT_JOBS } from './jobs';
import type { Limiter } from './limiter';
import { type CallTally, callAs } from './shoppers';
import { shopperPrefix } from './snapshot';
import type { StaffDesk } from './staff';
import type { Telemetry } from './telemetry';

/** What the programme did and was told. */
export interface LeaderTally extends CallTally {
  readonly events: Record<string, number>;
}

export interface LeaderDeps {
  readonly client: EmulatorClient;
  readonly limiter: Limiter;
  readonly telemetry: Telemetry;
  readonly clock: SimClock;
  readonly staff: StaffDesk;
  readonly jobs: JobRunner;
  readonly catalog: SimCatalog;
  readonly tag: string;
  readonly log: (line: string) => void;
}

interface SimLeader {
  readonly index: number;
  readonly openid: string;
  readonly ref: string;
  readonly district: SimPickupPoint['district'];
  readonly location: SimPickupPoint['location'];
  readonly pickupPointId: string;
}

interface ActivityDoc {
  readonly _id: string;
  readonly merchantId: string;
  readonly groupPrice: number;
  readonly leaderPrice?: number;
}

interface WithdrawalNow {
  readonly _id: string;
  readonly leaderOpenid: string;
  readonly status: string;
}

/** Withdrawal statuses past which nothing moves (declined, transferred, voided). */
const FINAL_WITHDRAWALS = ['declined', 'transferred', 'voided'];
/** What a leader's account answers when they confirm: a few cannot receive (WeChat ends the bill FAIL). */
const FROZEN_ACCOUNT = 'ACCOUNT_FROZEN';

const pickupAt = (pickupPointId: string) => ({ kind: 'pickup', pickupPointId });

/** Leaders for a crowd of this size: between 4 and 10. */
export const leadersFor = (shoppers: number): number => Math.max(4, Math.min(10, Math.round(shoppers / 100)));

export class LeaderProgramme {
  readonly tally: LeaderTally = { events: {}, refused: {}, errors: {} };
  readonly leaders: SimLeader[] = [];
  /** Every order the leaders and their neighbours placed. */
  readonly orderIds: string[] = [];
  private readonly prefix: string;
  private ruled: ActivityDoc[] = [];
  private readonly sales = new Set<Promise<void>>();

  constructor(private readonly deps: LeaderDeps) {
    this.prefix = shopperPrefix(deps.tag);
  }

  /** The openids of every applicant (the approved leaders and the declined one). */
  get openids(): string[] {
    return this.leaders.map((l) => l.openid);
  }

  private count(event: string, n = 1): void {
    if (n !== 0) this.tally.events[event] = (this.tally.events[event] ?? 0) + n;
  }

  private call<T>(fn: string, openid: string, data: Record<string, unknown>): Promise<Outcome<T>> {
    return callAs<T>(this.deps, this.tally, fn, openid, data);
  }

  /** Applications, ops' answers, and the commission rules. */
  async enlist(count: number): Promise<void> {
    const { catalog, staff } = this.deps;
    const points = catalog.pickupPoints;
    const applicants = Array.from({ length: count + 1 }, (_, i) => i);
    await Promise.all(
      applicants.map(async (i) => {
        const openid = `${this.prefix}leader-${i}`;
        const point = points[i % points.length];
        if (!point) return;
        const me = await this.call<{ ref: string }>('login', openid, {});
        if (!me.ok) return;
        // Half take a seeded point (the first few, one each), the rest register their shop near one.
        const existing = i < Math.min(points.length, Math.ceil(count / 2));
        const location = existing
          ? point.location
          : geoPoint(point.location.coordinates[0] + 0.002, point.location.coordinates[1] + 0.002);
        const request = {
          name: `模拟团长${i}`,
          phone: `137${String(10_000_000 + i).padStart(8, '0')}`,
          community: `${point.district}模拟小区${i}`,
          point: existing
            ? { kind: 'existing', pickupPointId: point.id }
            : {
                kind: 'new_shop',
                shop: {
                  name: `团长${i}的便利店`,
                  address: `${point.district}模拟路 ${i + 1} 号`,
                  district: point.district,
                  location,
                },
              },
          requestKey: `sim-${randomUUID()}`,
        };
        const twice = sometimes(openid, 0.3);
        const answers = await Promise.all(
          (twice ? [1, 2] : [1]).map(() => this.call<{ applicationId: string }>('applyForLeader', openid, request)),
        );
        const ids = new Set(answers.flatMap((a) => (a.ok ? [a.data.applicationId] : [])));
        if (twice) this.count('applications sent twice at once');
        if (ids.size > 1) this.count('applications made twice by one double tap');
        const applicationId = [...ids][0];
        if (!applicationId) return;
        this.count('applications');
        if (i === count) {
          const declined = await staff.act('ops', 'declineLeaderApplication', {
            applicationId,
            requestKey: `sim-${randomUUID()}`,
            reason: '模拟：资料不全',
          });
          if (declined.ok) this.count('applications declined by ops');
          return;
        }
        const key = `sim-${randomUUID()}`;
        const approvals = await Promise.all(
          (sometimes(applicationId, 0.3) ? [1, 2] : [1]).map(() =>
            staff.act<{ application: { pickupPointId?: string } }>('ops', 'approveLeaderApplication', {
              applicationId,
              requestKey: key,
            }),
          ),
        );
        if (approvals.length > 1) this.count('approvals sent twice at once');
        const pickupPointId = approvals.flatMap((a) => (a.ok ? [a.data.application.pickupPointId] : []))[0];
        if (!pickupPointId) return;
        this.leaders.push({ index: i, openid, ref: me.data.ref, district: point.district, location, pickupPointId });
      }),
    );
    this.leaders.sort((a, b) => a.index - b.index);
    this.count('leaders approved', this.leaders.length);
    await this.setRules();
  }

  /** Two activities in three get a rule: a rate with a group bonus, or a fixed amount per unit. */
  private async setRules(): Promise<void> {
    const activities = (this.deps.catalog.documents.activities ?? []) as unknown as ActivityDoc[];
    const ruled: ActivityDoc[] = [];
    await Promise.all(
      activities.map(async (activity, i) => {
        if (i % 3 === 2 && !activity._id.endsWith('-leaders')) return;
        const lowest = Math.min(activity.groupPrice, activity.leaderPrice ?? activity.groupPrice);
        const rule: CommissionRule =
          i % 3 === 0
            ? ({ base: { kind: 'rate', basisPoints: 800 }, groupBonus: 300 } as CommissionRule)
            : ({ base: { kind: 'per_unit', amount: Math.max(1, Math.floor(lowest / 10)) } } as CommissionRule);
        const set = await this.deps.staff.act({ merchantId: activity.merchantId }, 'setCommissionRule', {
          activityId: activity._id,
          rule,
          requestKey: `sim-${randomUUID()}`,
        });
        if (set.ok) {
          ruled.push(activity);
          this.count(`commission rules set (${rule.base.kind})`);
        }
      }),
    );
    this.ruled = ruled.sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  /** Starts the leaders' selling in the background, spread over the sale's first `saleMs`; `sold()` waits for it. */
  sell(saleMs: number, placed: (orderId: string) => void): void {
    for (const leader of this.leaders) {
      const groups = 2 + (leader.index % 2);
      for (let g = 0; g < groups; g++) {
        const task = this.sellOne(leader, g, ((g + 0.5) / groups) * saleMs * 0.6, placed);
        this.sales.add(task);
      }
    }
  }

  async sold(): Promise<void> {
    await Promise.all([...this.sales]);
  }

  private async sellOne(leader: SimLeader, g: number, afterMs: number, placed: (orderId: string) => void) {
    const { clock, catalog } = this.deps;
    await sleep(clock.realMs(afterMs));
    const place = { district: leader.district, location: leader.location };
    const own = catalog.activities.filter((a) => a.leadersOnly).map((a) => a.id);
    const choices = this.ruled.filter(
      (a) => own.includes(a._id) && isInScope(catalog.activities.find((s) => s.id === a._id)?.scope, place),
    );
    const activity = choices[(leader.index + g) % Math.max(1, choices.length)];
    const size = catalog.activities.find((a) => a.id === activity?._id)?.groupSize;
    if (!activity || !size) return;
    // Most at their own point; one group in four by express to their door.
    const express = (leader.index + g) % 4 === 3;
    const delivery = express
      ? {
          kind: 'address',
          name: '模拟团长',
          phone: `137${String(10_000_000 + leader.index).padStart(8, '0')}`,
          district: leader.district,
          detail: '团长家',
          location: leader.location,
        }
      : pickupAt(leader.pickupPointId);
    const opened = await this.call<{ groupId: string; orderId: string }>('openGroup', leader.openid, {
      activityId: activity._id,
      quantity: 1,
      delivery,
    });
    if (!opened.ok) return;
    this.count(express ? 'groups opened by leaders (express)' : 'groups opened by leaders at their point');
    placed(opened.data.orderId);
    this.orderIds.push(opened.data.orderId);
    await this.pay(opened.data.orderId);
    const { groupId } = opened.data;
    // A group in five is left a seat short: it fails, and its commissions are reversed.
    const short = sometimes(groupId, 0.2);
    const neighbours = Array.from(
      { length: size - 1 - (short ? 1 : 0) },
      (_, j) => `${this.prefix}nb-${leader.index}-${g}-${j}`,
    );
    await Promise.all(
      neighbours.map(async (openid, j) => {
        // The card opens a few seconds apart for each neighbour: the page reports it opened and, once loaded, viewed.
        await sleep(clock.realMs((j + 1) * 15_000));
        const visit = { ref: leader.ref, groupId };
        const [opens, viewed] = await Promise.all([
          Promise.all(
            (sometimes(openid, 0.3) ? [1, 2] : [1]).map(() =>
              this.call<{ recorded: boolean }>('recordShareVisit', openid, { ...visit, stage: 'opened' }),
            ),
          ),
          this.call<{ recorded: boolean }>('recordShareVisit', openid, { ...visit, stage: 'viewed' }),
        ]);
        this.count('share visits recorded', opens.filter((o) => o.ok && o.data.recorded).length);
        this.count('share visits already counted', opens.filter((o) => o.ok && !o.data.recorded).length);
        if (viewed.ok && viewed.data.recorded) this.count('share views recorded');
        // Until the leader's payment lands the group is not open to join: the neighbour comes back a minute later.
        const join = () =>
          this.call<{ orderId: string }>('joinGroup', openid, {
            groupId,
            quantity: 1,
            delivery: pickupAt(leader.pickupPointId),
            referrerRef: leader.ref,
          });
        let joined = await join();
        for (let again = 0; again < 5 && !joined.ok && joined.code === 'GROUP_NOT_JOINABLE'; again++) {
          this.count('neighbours back later (group not open yet)');
          await sleep(clock.realMs(60_000));
          joined = await join();
        }
        if (!joined.ok) return this.count(`neighbours refused (${joined.code})`);
        this.count("neighbours joined through a leader's ref");
        placed(joined.data.orderId);
        this.orderIds.push(joined.data.orderId);
        await this.pay(joined.data.orderId);
      }),
    );
  }

  private async pay(orderId: string): Promise<void> {
    const { client, limiter, telemetry } = this.deps;
    const reply = await limiter.run(() => client.pay(orderId));
    telemetry.recordCall('(pay in WeChat)', reply.ms);
    const code = (reply.body as { code?: string } | undefined)?.code ?? `HTTP ${reply.status}`;
    this.count(reply.status === 200 ? 'leader and neighbour orders paid' : `payments refused (${code})`);
  }

  /** Whether a leader keeps this point (their desk verifies its codes). */
  keeps(pickupPointId: string): boolean {
    return this.leaders.some((l) => l.pickupPointId === pickupPointId);
  }

  /**
   * Before the shoppers come: every leader opens their desk, tries a wrong code and codes waiting at other points
   * (each must be refused), as a careless or dishonest keeper would.
   */
  async probeDesks(): Promise<void> {
    const waiting = await this.deps.client.find<{
      _id: string;
      pickupCode?: string;
      delivery: { pickupPointId?: string };
    }>('orders', { skuId: { $in: [...this.deps.catalog.skuIds] }, status: 'at_pickup_point' });
    await Promise.all(
      this.leaders.map(async (leader, i) => {
        const desk = await this.call<{ due: unknown[] }>('getPickupDesk', leader.openid, {});
        if (desk.ok) this.count('desks opened', 1);
        const elsewhere = waiting.filter((o) => o.pickupCode && o.delivery.pickupPointId !== leader.pickupPointId);
        const codes = [
          String(100_000 + ((i * 7919 + 13) % 900_000)),
          ...[elsewhere[i], elsewhere[i + this.leaders.length]].flatMap((o) => (o?.pickupCode ? [o.pickupCode] : [])),
        ];
        for (const [k, code] of codes.entries()) {
          const what = k === 0 ? 'a wrong code' : "another point's code";
          const check = await this.call('verifyPickupAtPoint', leader.openid, { code });
          this.count(check.ok ? `desk ACCEPTED ${what}` : `desk refused ${what}`);
        }
      }),
    );
  }

  /** The leader keeping the point verifies the code the shopper shows (twice at once when `twice`). */
  async verify(pickupPointId: string, code: string, twice: boolean): Promise<void> {
    const leader = this.leaders.find((l) => l.pickupPointId === pickupPointId);
    if (!leader) return;
    const scans = await Promise.all(
      (twice ? [1, 2] : [1]).map(() => this.call<{ outcome: string }>('verifyPickupAtPoint', leader.openid, { code })),
    );
    for (const scan of scans) {
      if (scan.ok) this.count(scan.data.outcome === 'collected' ? "collected at a leader's desk" : 'desk scans again');
    }
  }

  /**
   * The run's delivered orders' windows close (moved to just past, as time passing would), while completeOrders
   * and settleCommissions each run twice at once.
   */
  async closeWindows(): Promise<void> {
    const { client, clock, jobs, catalog } = this.deps;
    const now = clock.now();
    const moved = await client.update(
      'orders',
      {
        skuId: { $in: [...catalog.skuIds] },
        status: { $in: ['received', 'picked_up'] },
        openAfterSaleId: { $exists: false },
        afterSaleEndsAt: { $gt: now - MINUTE_MS },
      },
      { afterSaleEndsAt: now - MINUTE_MS },
    );
    this.count('after-sales windows closed (time passed)', moved);
    // The repair job from here on: before, the hooks move every entry, and its scans of every order changed in two
    // hours, each simulated minute, would only load the sale.
    await jobs.start(COMMISSION_JOBS);
    await Promise.all([
      jobs.runNow('completeOrders'),
      jobs.runNow('completeOrders'),
      jobs.runNow('settleCommissions'),
      jobs.runNow('settleCommissions'),
    ]);
    await Promise.all([jobs.runNow('settleCommissions'), jobs.runNow('settleCommissions')]);
  }

  /** Leaders ask for their money; ops review; WeChat pays, with its faults; leaders confirm; ops retry what is flagged. */
  async withdraw(boundHours: number): Promise<void> {
    const { client, clock, jobs } = this.deps;
    await Promise.all(this.leaders.map((leader) => this.ask(leader)));
    await this.review();
    const before = await client.transferSettings();
    const approved = await this.run('approved');
    const total = approved.reduce((sum, w) => sum + ((w as { amount?: number }).amount ?? 0), 0);
    // The merchant's transfer balance covers about half: the rest is refused NOT_ENOUGH and flagged for ops.
    await client.transferSettings({ balanceFen: Math.floor(total / 2) });
    const seed = [...this.deps.tag].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0);
    const faults = (mode: 'before' | 'after') => ({
      failureRate: 0.3,
      failureMode: mode,
      duplicateCallbacks: 2,
      callbackDelayMs: [0, 200] as [number, number],
      crashDeliveries: 1,
      crashMode: 'after' as const,
      seed,
    });
    await client.setTransferFaults(faults('after'));
    await jobs.start(PAYOUT_JOBS);
    const started = clock.now();
    const bound = started + boundHours * HOUR_MS;
    let toppedUp = false;
    let calm = false;
    const renotified = new Set<string>();
    try {
      while (clock.now() < bound) {
        await sleep(clock.realMs(MINUTE_MS));
        if (!calm && clock.now() - started > 15 * MINUTE_MS) {
          await client.setTransferFaults(faults('before'));
          calm = true;
        }
        await Promise.all(this.leaders.map((leader) => this.confirm(leader)));
        const flagged = await this.run('flagged');
        if (flagged.length > 0) {
          if (!toppedUp) {
            await client.transferSettings({ balanceFen: before.balanceFen });
            this.count('transfer balance topped up by ops');
            toppedUp = true;
          }
          await Promise.all(flagged.map((w) => this.retry(w._id)));
        }
        for (const bill of await this.bills()) {
          if (bill.state !== 'SUCCESS' || renotified.has(bill.outBillNo) || !sometimes(bill.outBillNo, 0.3)) continue;
          renotified.add(bill.outBillNo);
          const again = await client.renotifyTransfer(bill.outBillNo);
          if (again.status === 200) this.count('transfer notifications sent again');
        }
        const open = (await this.run()).filter((w) => !FINAL_WITHDRAWALS.includes(w.status));
        if (open.length === 0) break;
      }
    } finally {
      await client.setTransferFaults({});
      await client.transferSettings({ balanceFen: before.balanceFen });
    }
  }

  /** The leader's request(s): once, tapped twice, two forms at once, or more than they have first. */
  private async ask(leader: SimLeader): Promise<void> {
    const earnings = await this.call<{ balance: { available: number } }>('getMyEarnings', leader.openid, {});
    if (!earnings.ok) return;
    const most = Math.min(earnings.data.balance.available, 100_000);
    const request = (amount: number, requestKey = `sim-${randomUUID()}`) =>
      this.call<{ withdrawal: { withdrawalId: string } }>('requestWithdrawal', leader.openid, { amount, requestKey });
    const mode = (['once', 'double_tap', 'two_forms', 'over_balance'] as const)[leader.index % 4];
    if (most < 100) {
      const refused = await request(100);
      this.count(refused.ok ? 'withdrawals asked' : 'withdrawals refused (not enough earned)');
      return;
    }
    if (mode === 'once') {
      if ((await request(Math.max(100, Math.floor(most * 0.8)))).ok) this.count('withdrawals asked');
    } else if (mode === 'double_tap') {
      const key = `sim-${randomUUID()}`;
      const answers = await Promise.all([request(most, key), request(most, key)]);
      const ids = new Set(answers.flatMap((a) => (a.ok ? [a.data.withdrawal.withdrawalId] : [])));
      this.count('withdrawals asked', ids.size);
      this.count('withdrawals tapped twice at once');
    } else if (mode === 'two_forms') {
      const answers = await Promise.all([request(most), request(most)]);
      this.count('withdrawals asked', answers.filter((a) => a.ok).length);
      this.count('withdrawals from two forms at once');
    } else {
      const over = await request(most + 100);
      this.count(over.ok ? 'withdrawals over the balance ACCEPTED' : 'withdrawals over the balance refused');
      if ((await request(most)).ok) this.count('withdrawals asked');
    }
  }

  /** Ops decline about one in five of the run's requests, approve the rest (some twice at once under one key). */
  private async review(): Promise<void> {
    const requested = await this.run('requested');
    await Promise.all(
      requested.map(async (w) => {
        const requestKey = `sim-${randomUUID()}`;
        if (sometimes(w._id, 0.2)) {
          const declined = await this.deps.staff.act('ops', 'declineWithdrawal', {
            withdrawalId: w._id,
            requestKey,
            reason: '模拟：请核对收款信息',
          });
          if (declined.ok) this.count('withdrawals declined by ops');
          return;
        }
        const answers = await Promise.all(
          (sometimes(w._id, 0.5) ? [1, 2] : [1]).map(() =>
            this.deps.staff.act('ops', 'approveWithdrawal', { withdrawalId: w._id, requestKey }),
          ),
        );
        if (answers.some((a) => a.ok)) this.count('withdrawals approved by ops');
        if (answers.length > 1) this.count('approvals sent twice at once');
      }),
    );
  }

  private async retry(withdrawalId: string): Promise<void> {
    const requestKey = `sim-${randomUUID()}`;
    const answers = await Promise.all(
      (sometimes(withdrawalId, 0.3) ? [1, 2] : [1]).map(() =>
        this.deps.staff.act('ops', 'retryWithdrawal', { withdrawalId, requestKey }),
      ),
    );
    if (answers.some((a) => a.ok)) this.count('flagged withdrawals retried by ops');
  }

  /** The leader opens 我的收益 and confirms every bill waiting for them (a few accounts cannot receive). */
  private async confirm(leader: SimLeader): Promise<void> {
    const mine = await this.call<{ withdrawals: { withdrawalId: string; confirmation?: { packageInfo: string } }[] }>(
      'listMyWithdrawals',
      leader.openid,
      { limit: 50 },
    );
    if (!mine.ok) return;
    for (const w of mine.data.withdrawals) {
      if (!w.confirmation) continue;
      const frozen = sometimes(`${w.withdrawalId}-frozen`, 0.08);
      const reply = await this.deps.client.confirmTransfer(
        w.confirmation.packageInfo,
        frozen ? FROZEN_ACCOUNT : undefined,
      );
      if (reply.status === 200)
        this.count(frozen ? 'bills confirmed by an account that cannot receive' : 'bills confirmed');
    }
  }

  /** The run's withdrawals (of one status), as the database holds them. */
  private run(status?: string): Promise<(WithdrawalNow & { amount?: number })[]> {
    return this.deps.client.find<WithdrawalNow & { amount?: number }>('withdrawals', {
      leaderOpenid: { $in: this.openids },
      ...(status ? { status } : {}),
    });
  }

  private async bills() {
    const mine = new Set(this.openids);
    return (await this.deps.client.transferBills()).filter((b) => mine.has(b.openid));
  }
}

/** Orders for collection at a leader's point go to their desk (`Fulfilment` asks it before the merchant scans). */
export type LeaderDesk = Pick<LeaderProgramme, 'keeps' | 'verify'>;
