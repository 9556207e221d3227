/**
 * The crowd. Every shopper is planned up front from the seed (so a seed replays the same crowd): where
 * they collect (a pickup point in their district) or, for some, that their parcels come by express to an
 * address in the same district, when they arrive (a rush when the sale opens, then a
 * steady stream), what they try (open a group, join one on the activity page's 凑团 list or from a link a
 * friend shared, or buy alone), how many units, and whether and when they pay (soon, late past the
 * 15-minute window, or never). What happens then depends on everyone else: the groups on offer, the
 * stock left, the jobs.
 */
import { PAYMENT_WINDOW_MINUTES } from '../../shared/src/domain/order.schema';
import { isInScope } from '../../shared/src/domain/scope';
import { seededRandom } from '../../emulator/src/sandbox/faults';
import type { SimCatalog, SimPickupPoint } from './catalog';
import { type EmulatorClient, type Outcome, readEnvelope } from './client';
import { MINUTE_MS, type SimClock, sleep } from './clock';
import { type Limiter, Tracker } from './limiter';
import { shopperPrefix } from './snapshot';
import type { Telemetry } from './telemetry';

export type Intent = 'open' | 'join' | 'link' | 'solo';

export type PaymentPlan =
  { readonly kind: 'abandon' } | { readonly kind: 'pay'; readonly delayMs: number; readonly late: boolean };

export interface ActionPlan {
  /** Simulated time after the previous action (0 for the first). */
  readonly afterMs: number;
  readonly intent: Intent;
  /** Index into the catalogue's activities (open, join) or SKUs (solo). */
  readonly target: number;
  readonly quantity: number;
  /** Drawn in advance in [0, 1): which of the groups on offer the shopper takes. */
  readonly pick: number;
  readonly payment: PaymentPlan;
}

export interface ShopperPlan {
  readonly openid: string;
  readonly pickupPointId: string;
  /** Delivered by express to an address near the pickup point (快递到家), instead of collected there. */
  readonly express: boolean;
  /** Simulated time after the sale opens. */
  readonly arrivalMs: number;
  readonly actions: readonly ActionPlan[];
}

/** Probabilities of the crowd's choices. */
export interface Behaviour {
  readonly solo: number;
  readonly link: number;
  readonly open: number;
  /** The rest join from the activity page. */
  readonly outOfScope: number;
  readonly secondAction: number;
  readonly abandon: number;
  /** Of those who pay: after the payment window. */
  readonly late: number;
  readonly twoUnits: number;
  /** Share of the crowd arriving in the first `rushWindow` of the sale. */
  readonly rushShare: number;
  readonly rushWindow: number;
  /** Share of the crowd who have their orders delivered to an address rather than collect them. */
  readonly express: number;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  solo: 0.12,
  link: 0.08,
  open: 0.25,
  outOfScope: 0.05,
  secondAction: 0.2,
  abandon: 0.12,
  late: 0.08,
  twoUnits: 0.15,
  rushShare: 0.35,
  rushWindow: 0.1,
  express: 0.35,
};

const WINDOW_MS = PAYMENT_WINDOW_MINUTES * MINUTE_MS;

export function planShoppers(
  count: number,
  catalog: SimCatalog,
  seed: number,
  saleMs: number,
  behaviour: Behaviour = DEFAULT_BEHAVIOUR,
): ShopperPlan[] {
  const random = seededRandom(seed);
  const between = (min: number, max: number) => min + random() * (max - min);
  const pickIndex = (length: number) => Math.min(length - 1, Math.floor(random() * length));
  // The 团长's own activity and its SKU come last: the crowd's indexes stop before them.
  const activities = catalog.activities.filter((a) => !a.leadersOnly);
  const skuIds = catalog.skuIds.slice(0, catalog.skuIds.length - (catalog.activities.length - activities.length));
  const { pickupPoints } = catalog;

  const inScope = (point: SimPickupPoint) => activities.flatMap((a, i) => (isInScope(a.scope, point) ? [i] : []));

  const payment = (): PaymentPlan => {
    if (random() < behaviour.abandon) return { kind: 'abandon' };
    if (random() < behaviour.late) {
      // Half just past the window, racing closeUnpaidOrders; half long after it.
      const delayMs = random() < 0.5 ? between(WINDOW_MS, WINDOW_MS + MINUTE_MS) : between(WINDOW_MS, 2 * WINDOW_MS);
      return { kind: 'pay', delayMs, late: true };
    }
    // Most pay within a few minutes; a few take most of the window.
    return { kind: 'pay', delayMs: (0.2 + 12 * random() ** 2) * MINUTE_MS, late: false };
  };

  const action = (point: SimPickupPoint, afterMs: number): ActionPlan => {
    const roll = random();
    const intent: Intent =
      roll < behaviour.solo
        ? 'solo'
        : roll < behaviour.solo + behaviour.link
          ? 'link'
          : roll < behaviour.solo + behaviour.link + behaviour.open
            ? 'open'
            : 'join';
    const local = inScope(point);
    const target =
      intent === 'solo'
        ? pickIndex(skuIds.length)
        : local.length > 0 && random() >= behaviour.outOfScope
          ? (local[pickIndex(local.length)] ?? 0)
          : pickIndex(activities.length);
    const limit = intent === 'solo' ? 2 : (activities[target]?.perOrderLimit ?? 1);
    const quantity = random() < behaviour.twoUnits ? Math.min(2, limit) : 1;
    return { afterMs, intent, target, quantity, pick: random(), payment: payment() };
  };

  const prefix = shopperPrefix(catalog.tag);
  const plans = Array.from({ length: count }, (_, i): ShopperPlan => {
    const point = pickupPoints[pickIndex(pickupPoints.length)] ?? pickupPoints[0];
    if (!point) throw new Error('the catalogue has no pickup points');
    const rush = random() < behaviour.rushShare;
    const arrivalMs = rush ? between(0, behaviour.rushWindow * saleMs) : between(0, saleMs);
    const actions = [action(point, 0)];
    if (random() < behaviour.secondAction) actions.push(action(point, between(1, 10) * MINUTE_MS));
    const express = random() < behaviour.express;
    return { openid: `${prefix}${i}`, pickupPointId: point.id, express, arrivalMs, actions };
  });
  return plans.sort((a, b) => a.arrivalMs - b.arrivalMs);
}

/** Refusals and failures of the functions a shopper called. */
export interface CallTally {
  /** Refusals by the functions' domain error codes (GROUP_FULL, OUT_OF_STOCK, ...). */
  refused: Record<string, number>;
  /** Calls that got no envelope (a function that failed or timed out, a dropped connection). */
  errors: Record<string, number>;
}

export interface CallDeps {
  readonly client: EmulatorClient;
  readonly limiter: Limiter;
  readonly telemetry: Telemetry;
}

/** `fn` called as the shopper `openid` through the gateway, within the crowd's limit; refusals and failures counted. */
export async function callAs<T>(
  deps: CallDeps,
  tally: CallTally,
  fn: string,
  openid: string,
  data: Record<string, unknown>,
): Promise<Outcome<T>> {
  const { client, limiter, telemetry } = deps;
  const reply = await limiter.run(() => client.callFunction<unknown>(fn, openid, data));
  telemetry.recordCall(fn, reply.ms);
  const outcome = readEnvelope<T>(reply.status, reply.body);
  if (!outcome.ok) {
    const bucket = outcome.domain ? tally.refused : tally.errors;
    const key = outcome.domain ? outcome.code : `${fn}: ${outcome.code}`;
    bucket[key] = (bucket[key] ?? 0) + 1;
  }
  return outcome;
}

const hashOf = (text: string): number => {
  let hash = 0;
  for (const c of text) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return hash;
};

/** What the shoppers did and were told. */
export interface ShopperTally extends CallTally {
  shoppers: number;
  actions: number;
  opened: number;
  joined: number;
  solo: number;
  /** Orders the shopper chose never to pay. */
  abandoned: number;
  paymentsAttempted: number;
  /** CloudPay took the money. */
  paid: number;
  /** CloudPay refused: the prepay was closed (or already paid). */
  payRefused: number;
  payErrors: number;
  /** Payments attempted after the 15-minute window, and how many of those CloudPay still took. */
  lateAttempted: number;
  latePaid: number;
}

interface Placed {
  readonly orderId: string;
  readonly groupId?: string;
}

interface OpenGroupOffer {
  readonly groupId: string;
}

/** How many groups from the 凑团 list a shopper tries before opening their own. */
const JOIN_TRIES = 2;
/** Share of joiners who, finding no group to join, look again a little later, and how much later. */
const COME_BACK = 0.5;
const COME_BACK_AFTER_MS = 3 * MINUTE_MS;
/** Groups a friend may have shared a link to: the latest opened. */
const SHARED_LINKS = 50;

export class Shop {
  readonly tally: ShopperTally = {
    shoppers: 0,
    actions: 0,
    opened: 0,
    joined: 0,
    solo: 0,
    refused: {},
    errors: {},
    abandoned: 0,
    paymentsAttempted: 0,
    paid: 0,
    payRefused: 0,
    payErrors: 0,
    lateAttempted: 0,
    latePaid: 0,
  };
  /** Every order placed, so the run's checks can find its refunds. */
  readonly orderIds: string[] = [];
  /** The simulated interval during which each order was placed: from sending the call to its answer. */
  readonly placedDuring = new Map<string, readonly [number, number]>();
  private readonly sharedLinks: string[] = [];
  private readonly payments = new Tracker();

  constructor(
    private readonly deps: {
      readonly client: EmulatorClient;
      readonly limiter: Limiter;
      readonly catalog: SimCatalog;
      readonly clock: SimClock;
      readonly telemetry: Telemetry;
    },
  ) {}

  async visit(plan: ShopperPlan): Promise<void> {
    this.tally.shoppers++;
    for (const action of plan.actions) {
      if (action.afterMs > 0) await sleep(this.deps.clock.realMs(action.afterMs));
      this.tally.actions++;
      await this.act(plan, action);
    }
  }

  /** Resolves when every payment planned so far has been made (or refused). */
  paymentsDone(): Promise<void> {
    return this.payments.drain();
  }

  private async act(plan: ShopperPlan, action: ActionPlan): Promise<void> {
    const { catalog } = this.deps;
    const point = catalog.pickupPoints.find((p) => p.id === plan.pickupPointId);
    const delivery =
      plan.express && point
        ? {
            kind: 'address',
            name: '山城买家',
            phone: `139${String(hashOf(plan.openid) % 100_000_000).padStart(8, '0')}`,
            district: point.district,
            detail: `民生路 ${(hashOf(plan.openid) % 200) + 1} 号`,
            location: point.location,
          }
        : { kind: 'pickup', pickupPointId: plan.pickupPointId };
    const base = { quantity: action.quantity, delivery };
    if (action.intent === 'solo') {
      const skuId = catalog.skuIds[action.target];
      const placed = skuId ? await this.place('buySolo', plan.openid, { ...base, skuId }) : undefined;
      if (placed) this.tally.solo++;
      return this.afterOrder(placed, action.payment);
    }
    const activity = catalog.activities[action.target];
    if (!activity) return;
    if (action.intent === 'link') {
      const groupId = this.sharedLinks[Math.floor(action.pick * this.sharedLinks.length)];
      // The friend's group may be full, unpaid or over: then the shopper leaves.
      if (groupId) return this.afterOrder(await this.join(plan.openid, { ...base, groupId }), action.payment);
    }
    if (action.intent === 'join' || action.intent === 'link') {
      let offers = await this.offers(plan.openid, activity.id);
      if (offers.length === 0 && action.pick < COME_BACK) {
        // Nothing to join yet: some come back a little later before opening a group of their own.
        await sleep(this.deps.clock.realMs(COME_BACK_AFTER_MS));
        offers = await this.offers(plan.openid, activity.id);
      }
      const first = Math.floor(action.pick * Math.min(3, offers.length));
      for (let k = 0; k < Math.min(JOIN_TRIES, offers.length); k++) {
        const offer = offers[(first + k) % offers.length];
        const placed = offer && (await this.join(plan.openid, { ...base, groupId: offer.groupId }));
        if (placed) return this.afterOrder(placed, action.payment);
      }
    }
    const opened = await this.place('openGroup', plan.openid, { ...base, activityId: activity.id });
    if (opened?.groupId) {
      this.tally.opened++;
      this.sharedLinks.push(opened.groupId);
      if (this.sharedLinks.length > SHARED_LINKS) this.sharedLinks.shift();
    }
    return this.afterOrder(opened, action.payment);
  }

  /** The activity page's 凑团 list. */
  private async offers(openid: string, activityId: string): Promise<readonly OpenGroupOffer[]> {
    const page = await this.call<{ openGroups: OpenGroupOffer[] }>('getActivity', openid, { activityId });
    return page.ok ? page.data.openGroups : [];
  }

  private async join(openid: string, data: Record<string, unknown>): Promise<Placed | undefined> {
    const placed = await this.place('joinGroup', openid, data);
    if (placed) this.tally.joined++;
    return placed;
  }

  private async place(fn: string, openid: string, data: Record<string, unknown>): Promise<Placed | undefined> {
    const { clock } = this.deps;
    const sent = clock.now();
    const outcome = await this.call<Placed>(fn, openid, data);
    if (!outcome.ok) return undefined;
    this.orderIds.push(outcome.data.orderId);
    this.placedDuring.set(outcome.data.orderId, [sent, clock.now()]);
    return outcome.data;
  }

  private afterOrder(placed: Placed | undefined, payment: PaymentPlan): void {
    if (!placed) return;
    if (payment.kind === 'abandon') {
      this.tally.abandoned++;
      return;
    }
    this.payments.track(this.pay(placed.orderId, payment));
  }

  private async pay(orderId: string, payment: { readonly delayMs: number; readonly late: boolean }): Promise<void> {
    const { clock, limiter, client, telemetry } = this.deps;
    await sleep(clock.realMs(payment.delayMs));
    const reply = await limiter.run(() => client.pay(orderId));
    telemetry.recordCall('(pay in WeChat)', reply.ms);
    this.tally.paymentsAttempted++;
    if (payment.late) this.tally.lateAttempted++;
    if (reply.status === 200) {
      this.tally.paid++;
      if (payment.late) this.tally.latePaid++;
    } else if (reply.status === 409) this.tally.payRefused++;
    else this.tally.payErrors++;
  }

  private call<T>(fn: string, openid: string, data: Record<string, unknown>): Promise<Outcome<T>> {
    return callAs<T>(this.deps, this.tally, fn, openid, data);
  }
}
