/**
 * 发布, 暂停, 恢复, 结束 through the bundled adminApi in the emulator: each through the activity machine,
 * conditional on the current status (a repeat or a race changes it once and audits it once), raced against
 * shoppers opening and joining groups (every group stays consistent, every seat paid after a pause is
 * refunded, stock is conserved), and ending gives a dedicated pool's unsold units back to the SKU.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConsoleActivityAnswer,
  create,
  expectConserved,
  expectGroupsConsistent,
  expectRefused,
  HOUR,
  ok,
  outcome,
  published,
  seedSku,
  signInStaff,
} from '../testing/activities';
import { NOTIFICATION_TEXT, SUBSCRIBE_TEMPLATES } from '../../domain/notification';
import { END_RACE, endRace, PAUSE_RACE, pauseRace } from '../testing/console-races';
import { job } from '../testing/ops';
import { answer, joinGroupAs, openGroupAs } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
/** A race with shoppers runs ~30 s on a loaded 2-core machine: more than the default 30 s budget. */
const RACE_TIMEOUT = 120_000;
/** The races run small here; activity-lifecycle.slow.test.ts runs them at full scale. */
const { small: pause } = PAUSE_RACE;
const { small: end } = END_RACE;

const statusOf = async (activityId: string) => (await platform.get('activities', activityId))?.status;
const audits = (activityId: string, action: string) =>
  platform.find('audit_logs', { target: `activity/${activityId}`, action });

/** Ten identical calls at once: their outcomes, sorted. */
async function tenAtOnce(action: string, activityId: string, token: string) {
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => adminCall(platform, action, { activityId }, token)),
  );
  return answers
    .map(outcome)
    .map((o) => o.join(' '))
    .sort();
}
const onceOfTen = ['200 ok', ...Array.from({ length: 9 }, () => '409 CONFLICT')];

describe('publishActivity', () => {
  it('publishes a draft once: a repeat is CONFLICT, ten at once publish it once, audited once', async () => {
    const staff = await signInStaff(platform, 'l1');
    const sku = await seedSku(platform, 'm-a');
    const id = await create(platform, staff.merchantA, sku.skuId);
    const answerOf = ok(
      await adminCall<ConsoleActivityAnswer>(platform, 'publishActivity', { activityId: id }, staff.merchantA),
    );
    expect(answerOf.activity).toMatchObject({ status: 'active', phase: 'selling', events: ['paused', 'ended'] });
    await expectRefused(platform, 'publishActivity', { activityId: id }, staff.merchantA, [409, 'CONFLICT']);
    expect(await audits(id, 'publishActivity')).toMatchObject([
      { before: { status: 'draft' }, after: { status: 'active' } },
    ]);

    const raced = await create(platform, staff.ops, sku.skuId);
    expect(await tenAtOnce('publishActivity', raced, staff.ops)).toEqual(onceOfTen);
    expect(await statusOf(raced)).toBe('active');
    expect(await audits(raced, 'publishActivity')).toHaveLength(1);
  });

  it('refuses a draft whose end has passed, or whose dedicated pool is empty', async () => {
    const staff = await signInStaff(platform, 'l2');
    const sku = await seedSku(platform, 'm-a');
    const past = await create(platform, staff.ops, sku.skuId, {
      startAt: Date.now() - 3 * HOUR,
      endAt: Date.now() - HOUR,
    });
    await expectRefused(platform, 'publishActivity', { activityId: past }, staff.ops, [409, 'CONFLICT']);
    const empty = await create(platform, staff.ops, sku.skuId, { stockMode: 'dedicated', poolSize: 0 });
    await expectRefused(platform, 'publishActivity', { activityId: empty }, staff.ops, [409, 'CONFLICT']);
    // A later start is fine: it is published and not yet started.
    const later = await create(platform, staff.ops, sku.skuId, {
      startAt: Date.now() + HOUR,
      endAt: Date.now() + 5 * HOUR,
    });
    const answerOf = ok(
      await adminCall<ConsoleActivityAnswer>(platform, 'publishActivity', { activityId: later }, staff.ops),
    );
    expect(answerOf.activity.phase).toBe('scheduled');
    expect((await answer(platform, 'getActivity', 'o-l2', { activityId: later })).ok).toBe(true);
  });
});

describe('pauseActivity and resumeActivity', () => {
  it('pause and resume once each, whatever is repeated or raced; neither applies to a draft or an ended one', async () => {
    const staff = await signInStaff(platform, 'l3');
    const sku = await seedSku(platform, 'm-a');
    const { activityId } = await published(platform, staff.merchantA, sku);
    expect(await tenAtOnce('pauseActivity', activityId, staff.merchantA)).toEqual(onceOfTen);
    expect(await statusOf(activityId)).toBe('paused');
    await expectRefused(platform, 'pauseActivity', { activityId }, staff.merchantA, [409, 'CONFLICT']);
    expect(await tenAtOnce('resumeActivity', activityId, staff.ops)).toEqual(onceOfTen);
    expect(await statusOf(activityId)).toBe('active');
    await expectRefused(platform, 'resumeActivity', { activityId }, staff.ops, [409, 'CONFLICT']);
    expect((await audits(activityId, 'pauseActivity')).map((a) => [a.before, a.after, a.account])).toEqual([
      [{ status: 'active' }, { status: 'paused' }, 'ma-l3'],
    ]);
    expect(await audits(activityId, 'resumeActivity')).toMatchObject([
      { before: { status: 'paused' }, after: { status: 'active' } },
    ]);
    // A pause from 实时监控 gives its reason, which the audit keeps; a reason too short is refused first.
    await expectRefused(platform, 'pauseActivity', { activityId, reason: ' ' }, staff.ops, [400, 'INVALID_ARGUMENT']);
    expect(await statusOf(activityId)).toBe('active');
    expect(
      outcome(await adminCall(platform, 'pauseActivity', { activityId, reason: '商家临时缺货' }, staff.ops)),
    ).toEqual([200, 'ok']);
    expect((await audits(activityId, 'pauseActivity')).map((a) => a.after)).toEqual([
      { status: 'paused' },
      { status: 'paused', reason: '商家临时缺货' },
    ]);

    const draftId = await create(platform, staff.ops, sku.skuId);
    await expectRefused(platform, 'pauseActivity', { activityId: draftId }, staff.ops, [409, 'CONFLICT']);
    await expectRefused(platform, 'resumeActivity', { activityId: draftId }, staff.ops, [409, 'CONFLICT']);
  });

  it('tells the paid members of its forming groups once per pause (活动已暂停), not on a repeat or a resume', async () => {
    const staff = await signInStaff(platform, 'l7');
    const sku = await seedSku(platform, 'm-a');
    const fx = await published(platform, staff.ops, sku, { groupSize: 3 });
    const members = ['o-l7-leader', 'o-l7-member'];
    for (const openid of members) {
      platform.emulator.openapi.grant(openid, Array(10).fill(Object.values(SUBSCRIBE_TEMPLATES)).flat());
    }
    const { groupId } = await openGroupAs(platform, fx, members[0]!);
    await joinGroupAs(platform, fx, groupId, members[1]!);
    await joinGroupAs(platform, fx, groupId, 'o-l7-unpaid', false);
    await job(platform, 'sendNotifications');
    const paused = () =>
      platform.emulator.openapi
        .outbox()
        .filter((m) => JSON.stringify(m.data).includes(NOTIFICATION_TEXT.activity_paused.text))
        .map((m) => m.touser)
        .sort();

    expect(outcome(await adminCall(platform, 'pauseActivity', { activityId: fx.activityId }, staff.ops))).toEqual([
      200,
      'ok',
    ]);
    await expectRefused(platform, 'pauseActivity', { activityId: fx.activityId }, staff.ops, [409, 'CONFLICT']);
    await job(platform, 'sendNotifications');
    await job(platform, 'sendNotifications');
    expect(paused()).toEqual(members);

    await adminCall(platform, 'resumeActivity', { activityId: fx.activityId }, staff.ops);
    await job(platform, 'sendNotifications');
    expect(paused()).toEqual(members);
    await adminCall(platform, 'pauseActivity', { activityId: fx.activityId }, staff.ops);
    await job(platform, 'sendNotifications');
    expect(paused()).toEqual([...members, ...members].sort());
  });

  it(
    `a pause racing ${pause.joins + pause.opens} shoppers opening and joining groups leaves every group consistent and stock conserved`,
    () => pauseRace(platform, pause),
    RACE_TIMEOUT,
  );
});

describe('endActivity', () => {
  it('ends once and gives the pool’s available units back to the SKU; held units stay until their groups settle', async () => {
    const staff = await signInStaff(platform, 'l5');
    const sku = await seedSku(platform, 'm-a', 100);
    const fx = await published(platform, staff.merchantA, sku, { stockMode: 'dedicated', poolSize: 40 });
    const { orderId } = await openGroupAs(platform, fx, 'o-l5-leader'); // holds 1 unit of the pool
    const ended = ok(
      await adminCall<ConsoleActivityAnswer>(platform, 'endActivity', { activityId: fx.activityId }, staff.merchantA),
    );
    expect(ended.activity).toMatchObject({
      status: 'ended',
      phase: 'finished',
      events: [],
      pool: { available: 0, reserved: 1 },
    });
    const { sku: counters } = await expectConserved(platform, sku.skuId, 100);
    expect(counters).toMatchObject({ available: 99, allocated: 1 });
    expect(await audits(fx.activityId, 'endActivity')).toMatchObject([
      { before: { status: 'active' }, after: { status: 'ended', poolReturned: 39 } },
    ]);
    await expectRefused(platform, 'endActivity', { activityId: fx.activityId }, staff.merchantA, [409, 'CONFLICT']);
    await expectGroupsConsistent(platform, fx.activityId);
    expect(orderId).toBeTruthy();
  });

  it(
    `${end.ends} ends at once racing ${end.shoppers} shoppers end it once and give back each unit once`,
    () => endRace(platform, end),
    RACE_TIMEOUT,
  );
});
