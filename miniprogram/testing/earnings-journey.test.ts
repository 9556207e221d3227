/**
 * A 团长's withdrawal through the real 我的收益 page in local mode: from the status page's 团长工具, the balance and
 * entries, 申请提现 tapped twice at once (one withdrawal, 待审核), ops' approval and the payout job (the console's own
 * calls), 确认收款 through the emulator's 商家转账 sandbox, and the money arrived (已到账). A retried tap after a lost
 * answer sends the form's key again and answers the same withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, staffToken } from '../../shared/src/server/testing/fulfilment';
import { usePlatform } from '../../shared/src/server/testing/use-platform';
import { askWithdrawal, payoutNow, withdrawableLeader } from '../../shared/src/server/testing/withdrawals';
import { eventWith, tapOn } from './page-runner';
import { shopperPhone } from './phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, tap, lastNavigation } = phone;
let ops: string;

beforeAll(async () => {
  ops = await staffToken(platform, 'earnings-ops');
});
afterAll(() => phone.putDown());

/** Like the other journeys: pages, functions, the payout job and WeChat's sandbox end to end. */
const JOURNEY_BUDGET_MS = 90_000;

interface Row {
  withdrawalId: string;
  statusLabel: string;
  canConfirm: boolean;
  steps: { label: string; state: string }[];
}
const figures = (page: { data: Record<string, unknown> }) =>
  Object.fromEntries(
    ((page.data.balance as { figures: { label: string; value: string }[] }).figures ?? []).map((f) => [
      f.label,
      f.value,
    ]),
  );
const rows = (page: { data: Record<string, unknown> }) => page.data.withdrawals as Row[];
const withdrawalsOf = (openid: string) => platform.find('withdrawals', { leaderOpenid: openid });

describe('a 团长 withdraws on 我的收益, in local mode', () => {
  it(
    '申请提现 tapped twice → one withdrawal under review → approved and paid → 确认收款 → 已到账',
    async () => {
      const leader = await withdrawableLeader(platform, [6_000, 4_000]);
      phone.handTo(leader);
      const status = await open('/packages/leader/pages/status/index');
      await tap(status, 'onOpenCentre', tapOn({ url: '/packages/leader/pages/earnings/index' }));
      expect(lastNavigation()).toBe('/packages/leader/pages/earnings/index');

      const page = await open(lastNavigation());
      expect(page.data.state).toBe('ready');
      expect(figures(page)).toEqual({ 可提现: '¥100.00', 待结算: '¥0.00', 已提现: '¥0.00', 提现中: '¥0.00' });
      expect((page.data.balance as { hint: string }).hint).toBe(
        '单笔最低 ¥1.00，每日累计最多 ¥1000.00；本次最多可提 ¥100.00',
      );
      expect(page.data.entries).toHaveLength(2);
      expect(rows(page)).toEqual([]);

      await tap(page, 'onAmount', eventWith({ value: '30' }));
      await Promise.all([tap(page, 'onWithdraw'), tap(page, 'onWithdraw')]);
      expect(await withdrawalsOf(leader)).toHaveLength(1);
      expect(phone.toasts).toContain('已提交提现申请，等待平台审核');
      expect(page.data.amountText).toBe('');
      expect(figures(page)).toMatchObject({ 可提现: '¥70.00', 提现中: '¥30.00' });
      const [asked] = rows(page);
      expect(asked).toMatchObject({ statusLabel: '待审核', canConfirm: false });
      expect(asked?.steps.map((s) => s.state)).toEqual(['done', 'current', 'todo', 'todo']);

      // Ops approve it in the console; the payout job asks WeChat, whose bill waits for the leader.
      const id = asked?.withdrawalId ?? '';
      await act(platform, 'approveWithdrawal', { withdrawalId: id, requestKey: `approve-${id}` }, ops);
      await payoutNow(platform, id);
      await tap(page, 'onShow');
      expect(rows(page)[0]).toMatchObject({ withdrawalId: id, statusLabel: '待确认收款', canConfirm: true });

      await tap(page, 'onConfirm', tapOn({ withdrawalId: id }));
      expect(phone.toasts).toContain('已确认收款，到账后将更新状态');
      expect(platform.emulator.transfer.bill(id)).toMatchObject({ openid: leader, amountFen: 3_000 });
      await platform.settle();
      await tap(page, 'onShow');
      expect(rows(page)[0]).toMatchObject({ withdrawalId: id, statusLabel: '已到账', canConfirm: false });
      expect(figures(page)).toMatchObject({ 可提现: '¥70.00', 已提现: '¥30.00', 提现中: '¥0.00' });
    },
    JOURNEY_BUDGET_MS,
  );

  it('a retried tap after a lost answer is the same withdrawal; a new amount is a new one', async () => {
    const leader = await withdrawableLeader(platform, [5_000]);
    phone.handTo(leader);
    const page = await open('/packages/leader/pages/earnings/index');
    await tap(page, 'onAmount', eventWith({ value: '12.5' }));
    // The first tap reached the server but its answer was lost: the retry sends the same key.
    const lost = await askWithdrawal(platform, leader, 1_250, page.requestKey as string);
    expect(lost.ok).toBe(true);
    await tap(page, 'onWithdraw');
    expect(await withdrawalsOf(leader)).toHaveLength(1);
    expect(rows(page).map((r) => r.withdrawalId)).toEqual([lost.ok ? lost.data.withdrawal.withdrawalId : '']);

    await tap(page, 'onAmount', eventWith({ value: '5' }));
    await tap(page, 'onWithdraw');
    expect(await withdrawalsOf(leader)).toHaveLength(2);
    expect(figures(page)).toMatchObject({ 可提现: '¥32.50', 提现中: '¥17.50' });
  });

  it('tells a shopper who is not a 团长 so, and refuses an amount that is not one before asking', async () => {
    phone.handTo('o-earnings-shopper');
    const refused = await open('/packages/leader/pages/earnings/index');
    expect(refused.data).toMatchObject({ state: 'error', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });

    const leader = await withdrawableLeader(platform, [500]);
    phone.handTo(leader);
    const page = await open('/packages/leader/pages/earnings/index');
    await tap(page, 'onAmount', eventWith({ value: '1.234' }));
    await tap(page, 'onWithdraw');
    expect(phone.toasts.at(-1)).toBe('请输入提现金额（元，最多两位小数）');
    await tap(page, 'onAmount', eventWith({ value: '9' }));
    await tap(page, 'onWithdraw');
    expect(phone.toasts.at(-1)).toMatch(/[\u4e00-\u9fa5]/);
    expect(await withdrawalsOf(leader)).toHaveLength(0);
  });
});
