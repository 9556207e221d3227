/** sendNotifications: outbox entries written with the state change, sent once each, credits respected. */
import type { Envelope } from '../../kernel/envelope';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../../contracts/routes';
import { SUBSCRIBE_TEMPLATES } from '../../domain/notification';
import { usePlatform } from '../testing/use-platform';
import { receivedOrder, requested, staffAct } from '../testing/after-sales';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { addStaff, signIn } from '../testing/staff';

const platform = usePlatform();

type Placed = { orderId: string; groupId?: string };

const place = async (fn: string, openid: string, body: Record<string, unknown>) => {
  const { body: answer } = await platform.call<Envelope<Placed>>(fn, openid, body);
  if (!answer.ok) throw new Error(`${fn}: ${answer.error.code}`);
  return answer.data;
};
const job = async (name: string) => {
  const { result } = await platform.emulator.runner.invoke(name, {}, { source: 'scf' });
  return (result as Envelope<Record<string, number>>).ok ? (result as { data: Record<string, number> }).data : {};
};
const grant = (openid: string, times = 5) =>
  platform.emulator.openapi.grant(openid, Array(times).fill(Object.values(SUBSCRIBE_TEMPLATES)).flat());
const inbox = (openid: string) => platform.emulator.openapi.outbox().filter((m) => m.touser === openid);

describe('sendNotifications', () => {
  it('tells the leader the group opened and who joined, everyone that one seat is left and that it succeeded', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
    const delivery = pickupAt(fx);
    for (const who of ['o-n-leader', 'o-n-a', 'o-n-b']) grant(who);
    const leader = await place('openGroup', 'o-n-leader', { activityId: fx.activityId, quantity: 1, delivery });
    await platform.pay(leader.orderId);
    await platform.settle();
    const a = await place('joinGroup', 'o-n-a', { groupId: leader.groupId, quantity: 1, delivery });
    await platform.pay(a.orderId);
    await platform.settle();
    await job('sendNotifications');
    const b = await place('joinGroup', 'o-n-b', { groupId: leader.groupId, quantity: 1, delivery });
    await platform.pay(b.orderId);
    await platform.settle();
    await job('sendNotifications');
    await job('sendNotifications');

    const texts = (openid: string) =>
      inbox(openid).map(
        (m) =>
          (m.data as Record<string, { value: string }>).thing2?.value ??
          (m.data as Record<string, { value: string }>).phrase2?.value,
      );
    expect(texts('o-n-leader')).toEqual([
      '开团成功，快分享给好友吧',
      '有新朋友参团了',
      '还差1人就成团了',
      '有新朋友参团了',
      '拼团成功',
    ]);
    expect(texts('o-n-a')).toEqual(['还差1人就成团了', '拼团成功']);
    expect(texts('o-n-b')).toEqual(['拼团成功']);
    // A tapped message opens the group page, at a path app.json declares (the routes test checks PAGES).
    expect(new Set(inbox('o-n-leader').map((m) => m.page))).toEqual(
      new Set([`${PAGES.group}?groupId=${leader.groupId as string}`]),
    );
    expect(await platform.get('groups', leader.groupId as string)).toMatchObject({ outbox: [], outboxPending: false });
  });

  it('skips a shopper with no credit but keeps the record, and never sends twice', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
    const leader = await place('openGroup', 'o-no-credit', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    await platform.pay(leader.orderId);
    await platform.settle();
    await Promise.all([job('sendNotifications'), job('sendNotifications')]);
    expect(inbox('o-no-credit')).toEqual([]);
    expect(await platform.find('notifications', { groupId: leader.groupId })).toEqual([
      expect.objectContaining({ event: 'group_opened', openid: 'o-no-credit', status: 'no_credit' }),
    ]);
  });

  it('reminds members an hour before the deadline, once, and tells them of a failure after the refund', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
    grant('o-remind', 5);
    const leader = await place('openGroup', 'o-remind', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    await platform.pay(leader.orderId);
    await platform.settle();
    await job('sendNotifications');
    const groupId = leader.groupId as string;
    await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() + 30 * 60_000 } });
    await job('sendNotifications');
    await job('sendNotifications');
    expect(inbox('o-remind').map((m) => m.data.thing2)).toContainEqual({ value: '距结束不到1小时' });
    expect(
      inbox('o-remind').filter((m) => (m.data.thing2 as { value: string } | undefined)?.value === '距结束不到1小时'),
    ).toHaveLength(1);

    await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await job('expireGroups');
    await platform.settle();
    await job('sendNotifications');
    expect(inbox('o-remind').at(-1)).toMatchObject({
      templateId: SUBSCRIBE_TEMPLATES.groupResult,
      data: { phrase2: { value: '拼团失败' } },
    });
  });

  it("tells an after-sales request's shopper of each decision and of the refund, once each", async () => {
    await addStaff(platform, 'n-service', 'Notify2026xx', { role: 'service' });
    const token = await signIn(platform, 'n-service', 'Notify2026xx');
    grant('o-n-as', 5);
    const { orderId } = await receivedOrder(platform, 'o-n-as');
    const declined = await requested(platform, 'o-n-as', orderId, { type: 'return_refund' });
    await staffAct(platform, 'declineAfterSale', declined, token, { reason: '照片显示商品完好，不影响使用' });
    const refunded = await requested(platform, 'o-n-as', orderId, { amount: 1_234 });
    await staffAct(platform, 'approveAfterSale', refunded, token);
    await platform.settle();
    await Promise.all([job('sendNotifications'), job('sendNotifications')]);
    await job('sendNotifications');

    const messages = inbox('o-n-as');
    const field = (m: (typeof messages)[number], key: string) =>
      (m.data as Record<string, { value: string } | undefined>)[key]?.value;
    // Once each; two runs at once claim message by message, so the approval and the refund may arrive either way
    // round (each says what it is about, and WeChat does not keep messages in order either).
    const received = messages.map((m) => [m.templateId, field(m, 'phrase2'), field(m, 'thing3')]);
    expect(received).toHaveLength(3);
    expect(received).toEqual(
      expect.arrayContaining([
        [SUBSCRIBE_TEMPLATES.afterSaleResult, '已拒绝', '照片显示商品完好，不影响使用'],
        [SUBSCRIBE_TEMPLATES.afterSaleResult, '已同意', '商家已同意你的售后申请'],
        [SUBSCRIBE_TEMPLATES.afterSaleResult, '已退款', '¥12.34已原路退回'],
      ]),
    );
    expect(new Set(messages.map((m) => m.page))).toEqual(new Set([`${PAGES.orderDetail}?orderId=${orderId}`]));
    expect(messages[0]?.data.thing1).toEqual({ value: '重庆老火锅底料' });
    for (const afterSaleId of [declined, refunded]) {
      expect(await platform.get('after_sales', afterSaleId)).toMatchObject({ outbox: [], outboxPending: false });
    }
    expect(await platform.find('notifications', { afterSaleId: refunded })).toHaveLength(2);
  });
});
