/**
 * getLeaderDashboard through the bundled function in the emulator: the share funnel of a scripted share journey
 * (visits recorded by recordShareVisit, orders placed through the leader's ref by joinGroup), and the figures of a
 * seeded history whose documents sit on either side of the periods' Shanghai midnights.
 */
import { describe, expect, it } from 'vitest';
import { dashboardPeriodStarts } from '../../domain/share-funnel';
import { leaderActivity, leaderDoc } from '../testing/commissions';
import { data, refusal } from '../testing/envelopes';
import { groupDoc, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { answer, payAndSettle, place } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

interface Figures {
  period: string;
  groups: { opened: number; succeeded: number; failed: number; successRate: number | null };
  members: number;
  sales: number;
  earnings: { status: string; amount: number }[];
  funnel: { opened: number; viewed: number; joined: number; paid: number };
}

async function dashboard(openid: string): Promise<Record<string, Figures>> {
  const { periods } = data(await answer<{ periods: Figures[] }>(platform, 'getLeaderDashboard', openid, {}));
  return Object.fromEntries(periods.map((p) => [p.period, p]));
}

const earned = (figures: Figures | undefined) =>
  Object.fromEntries((figures?.earnings ?? []).filter((e) => e.amount !== 0).map((e) => [e.status, e.amount]));

describe('getLeaderDashboard', () => {
  it('counts a share journey: 3 open the card, 2 view, 2 join, 1 pays; repeats and the leader count nothing', async () => {
    const { fx, opener: leader } = await leaderActivity(platform, { groupSize: 4 });
    const { ref } = data(await answer<{ ref: string }>(platform, 'login', leader, {}));
    // The leader opens the group through their own card: a self-referral, not counted.
    const opened = await place(platform, 'openGroup', leader, {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
      referrerRef: ref,
    });
    await payAndSettle(platform, opened.orderId);
    const groupId = opened.groupId as string;

    const visit = (openid: string, stage: string) =>
      answer(platform, 'recordShareVisit', openid, { ref, groupId, stage });
    const [v1, v2, v3] = ['o-fun-1', 'o-fun-2', 'o-fun-3'] as const;
    for (const visitor of [v1, v2, v3, v1]) await visit(visitor, 'opened');
    await visit(leader, 'opened');
    await visit(leader, 'viewed');
    for (const visitor of [v1, v2]) await visit(visitor, 'viewed');
    const join = (openid: string) =>
      place(platform, 'joinGroup', openid, { groupId, quantity: 1, delivery: pickupAt(fx), referrerRef: ref });
    const [joined1] = [await join(v1), await join(v2)];
    await payAndSettle(platform, joined1?.orderId ?? '');
    expect(await platform.get('orders', joined1?.orderId ?? '')).toMatchObject({ referrerRef: ref });

    const figures = await dashboard(leader);
    for (const period of ['today', 'days7', 'days30']) {
      expect(figures[period]?.funnel, period).toEqual({ opened: 3, viewed: 2, joined: 2, paid: 1 });
    }
    // The group is forming: opened, none ended; the leader and one member paid ¥29.90 each; 10% each is pending.
    expect(figures.today).toMatchObject({
      groups: { opened: 1, succeeded: 0, failed: 0, successRate: null },
      members: 1,
      sales: 2 * 2990,
    });
    expect(earned(figures.today)).toEqual({ pending: 2 * 299 });
  });

  it('adds up a seeded history by Shanghai day: today, the last 7 days and the last 30', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d));
    const leader = 'o-dash-history';
    const ref = 'dash0001';
    await platform.insert('leaders', [leaderDoc(leader, `pp-own-${fx.activityId}`)]);
    await platform.insert('users', [
      { _id: leader, nickname: '', avatarUrl: '', roles: ['shopper'], ref, quota: {}, quotaHolds: {}, createdAt: 0 },
    ]);
    const starts = dashboardPeriodStarts(Date.now());
    // Just inside and just outside each period's first instant.
    const times = {
      today: starts.today + 1,
      yesterday: starts.today - 1,
      days7: starts.days7,
      before7: starts.days7 - 1,
      days30: starts.days30,
      before30: starts.days30 - 1,
    };
    const groups = [
      ['today', 'succeeded'],
      ['yesterday', 'failed'],
      ['days7', 'succeeded'],
      ['before7', 'failed'],
      ['days30', 'forming'],
      ['before30', 'succeeded'],
    ] as const;
    await platform.insert(
      'groups',
      groups.map(([when, status]) =>
        groupDoc(fx, `G-dash-${when}`, leader, { status, formedAt: times[when], openedAt: times[when] }),
      ),
    );
    // An unpaid order has no paidAt at all (`paidAt: undefined` leaves it out).
    const order = (id: string, when: keyof typeof times, extra: Record<string, unknown> = {}) =>
      Object.fromEntries(
        Object.entries({
          _id: `O-dash-${id}`,
          openid: `o-dash-m-${id}`,
          groupId: `G-dash-${when}`,
          status: 'to_ship',
          total: 1000,
          paidAt: times[when],
          createdAt: times[when],
          ...extra,
        }).filter(([, value]) => value !== undefined),
      );
    await platform.insert('orders', [
      order('today-leader', 'today', { openid: leader }),
      order('today-a', 'today', { refundedAmount: 300 }),
      order('today-unpaid', 'today', { status: 'pending_payment', paidAt: undefined }),
      order('yesterday-a', 'yesterday', { status: 'refunded', openid: 'o-dash-m-today-a' }),
      order('days7-b', 'days7'),
      order('before7-c', 'before7'),
      order('days30-d', 'days30'),
      order('before30-e', 'before30'),
      // Through the leader's card: joined today (one paid), a week ago, and by the leader themselves.
      order('ref-1', 'today', { groupId: 'G-other', referrerRef: ref }),
      order('ref-2', 'today', { groupId: 'G-other', referrerRef: ref, status: 'pending_payment', paidAt: undefined }),
      order('ref-3', 'before7', { groupId: 'G-other', referrerRef: ref }),
      order('ref-self', 'today', { groupId: 'G-other', referrerRef: ref, openid: leader }),
      order('ref-old', 'before30', { groupId: 'G-other', referrerRef: ref }),
    ]);
    const entry = (id: string, when: keyof typeof times, status: string, amount: number, clawedBack = 0) => ({
      _id: `CO-dash-${id}`,
      leaderOpenid: leader,
      status,
      amount,
      clawedBack,
      createdAt: times[when],
    });
    await platform.insert('commission_entries', [
      entry('1', 'today', 'pending', 100),
      entry('2', 'yesterday', 'earned', 200),
      entry('3', 'days7', 'withdrawable', 400, 50),
      entry('4', 'before7', 'withdrawable', 800),
      entry('5', 'before30', 'earned', 1600),
    ]);
    const event = (id: string, when: keyof typeof times, stage: string) => ({
      _id: `SV-dash-${id}`,
      ref,
      sharerOpenid: leader,
      visitorOpenid: `o-dash-v-${id}`,
      stage,
      groupId: 'G-other',
      day: '20260101',
      at: times[when],
    });
    await platform.insert('share_events', [
      event('1', 'today', 'opened'),
      event('2', 'today', 'viewed'),
      event('3', 'yesterday', 'opened'),
      event('4', 'before7', 'opened'),
      event('5', 'days30', 'viewed'),
      event('6', 'before30', 'opened'),
    ]);

    const figures = await dashboard(leader);
    expect(figures.today).toMatchObject({
      groups: { opened: 1, succeeded: 1, failed: 0, successRate: 100 },
      members: 1,
      sales: 1000 + 700,
      funnel: { opened: 1, viewed: 1, joined: 2, paid: 1 },
    });
    expect(earned(figures.today)).toEqual({ pending: 100 });
    expect(figures.days7).toMatchObject({
      groups: { opened: 3, succeeded: 2, failed: 1, successRate: 67 },
      members: 2, // the member refunded yesterday paid today too; the leader is no member
      sales: 1700 + 0 + 1000,
      funnel: { opened: 2, viewed: 1, joined: 2, paid: 1 },
    });
    expect(earned(figures.days7)).toEqual({ pending: 100, earned: 200, withdrawable: 350 });
    expect(figures.days30).toMatchObject({
      groups: { opened: 5, succeeded: 2, failed: 2, successRate: 50 },
      members: 4,
      sales: 2700 + 1000 + 1000,
      funnel: { opened: 3, viewed: 2, joined: 3, paid: 2 },
    });
    expect(earned(figures.days30)).toEqual({ pending: 100, earned: 200, withdrawable: 1150 });
  });

  it('refuses a shopper who is not a registered leader', async () => {
    expect(refusal(await answer(platform, 'getLeaderDashboard', 'o-dash-nobody', {}))).toBe('FORBIDDEN');
  });
});
