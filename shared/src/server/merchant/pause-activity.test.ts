/**
 * pauseActivity through the emulator: ops, or the activity's own merchant, pause a live activity with a
 * reason; new groups and members are refused at once, a member's payment after it is refunded, forming
 * groups' members are told, and the pause is audited. Another merchant's activity reads as not found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pickupAt } from '../testing/group-buy.fixtures';
import { job, ledgerRefunds } from '../testing/ops';
import { answer, groupWith, payAndSettle } from '../testing/shopper';
import { dataOf, grantMessages, messagesTo, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  ops = await staffSession(platform, 'ops');
});

const merchantOf = (activityId: string) => `m-test-${activityId.slice('a-test-'.length)}`;

describe('pauseActivity', () => {
  it('stops new groups and members at once, refunds a payment after it, tells the members, audits', async () => {
    const { fx, groupId, unpaid } = await groupWith(platform, 0, 1);
    const leader = `o-l-${fx.activityId}`;
    grantMessages(platform, [leader]);
    const merchant = await staffSession(platform, 'merchant', merchantOf(fx.activityId));
    expect(dataOf(await merchant('pauseActivity', { activityId: fx.activityId, reason: '临时缺货' }))).toEqual({
      activityId: fx.activityId,
      status: 'paused',
      groupsTold: 1,
    });
    expect(await platform.get('activities', fx.activityId)).toMatchObject({ status: 'paused' });
    const opened = await answer(platform, 'openGroup', 'o-pause-new', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    expect(opened).toMatchObject({ ok: false, error: { code: 'ACTIVITY_PAUSED' } });
    const joined = await answer(platform, 'joinGroup', 'o-pause-joiner', {
      groupId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    expect(joined).toMatchObject({ ok: false, error: { code: 'ACTIVITY_PAUSED' } });
    // A seat paid after the pause is refunded.
    await payAndSettle(platform, unpaid[0] as string);
    expect(await platform.get('orders', unpaid[0] as string)).toMatchObject({ status: 'refunded' });
    expect(ledgerRefunds(platform, unpaid[0] as string)).toBe(1);

    await job(platform, 'sendNotifications');
    expect(messagesTo(platform, leader)).toContain('活动已暂停，暂时无法参团');
    const [entry] = await platform.find('audit_logs', { action: 'pauseActivity' });
    expect(entry).toMatchObject({
      role: 'merchant',
      target: `activities/${fx.activityId}`,
      before: { status: 'active' },
      after: { status: 'paused', reason: '临时缺货' },
    });
    // Paused already: the machine refuses a second pause.
    expect(refusal(await ops('pauseActivity', { activityId: fx.activityId, reason: '再停' }))).toEqual([
      409,
      'CONFLICT',
    ]);
  });

  it('hides another merchant’s activity, and refuses customer service', async () => {
    const { fx } = await groupWith(platform, 0, 0);
    const other = await staffSession(platform, 'merchant', 'm-someone-else');
    const service = await staffSession(platform, 'service');
    expect(refusal(await other('pauseActivity', { activityId: fx.activityId, reason: '不是我的' }))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(refusal(await service('pauseActivity', { activityId: fx.activityId, reason: '客服' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(await platform.get('activities', fx.activityId)).toMatchObject({ status: 'active' });
    expect(
      await platform.find('audit_logs', { action: 'pauseActivity', target: `activities/${fx.activityId}` }),
    ).toEqual([]);
  });
});
