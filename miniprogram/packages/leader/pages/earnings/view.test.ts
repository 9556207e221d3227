import { failure, money, parseBusinessTime, success, type WithdrawalView } from '@shared/client';
import { describe, expect, it } from 'vitest';
import {
  type Balance,
  balanceView,
  earningsLoaded,
  entryRow,
  withdrawalRow,
  withdrawModal,
  withdrawRequest,
  withNewWithdrawal,
} from './view';

const at = (text: string) => parseBusinessTime(text);
const { fen } = money;
const balance: Balance = {
  withdrawableEarned: fen(12_000),
  clawedBack: fen(0),
  paidOut: fen(3_000),
  reserved: fen(1_000),
  available: 8_000,
  prospective: fen(2_500),
  maxWithdrawal: fen(8_000),
  minimum: fen(100),
  dailyCap: fen(100_000),
};
const requested: WithdrawalView = {
  withdrawalId: 'WD0001',
  amount: fen(1_000),
  status: 'requested',
  statusLabel: '待审核',
  createdAt: at('2026-12-02 10:00'),
  updatedAt: at('2026-12-02 10:00'),
};
const states = (view: WithdrawalView) => withdrawalRow(view).steps.map((s) => `${s.label}:${s.state}`);

describe('我的收益 page view', () => {
  it('shows the balance by state, the limits the server gave and the most they may ask now', () => {
    expect(balanceView(balance)).toEqual({
      figures: [
        { label: '可提现', value: '¥80.00' },
        { label: '待结算', value: '¥25.00' },
        { label: '已提现', value: '¥30.00' },
        { label: '提现中', value: '¥10.00' },
      ],
      clawbackNote: '',
      hint: '单笔最低 ¥1.00，每日累计最多 ¥1000.00；本次最多可提 ¥80.00',
      canWithdraw: true,
      maxText: '80.00',
    });
    const owing = balanceView({
      ...balance,
      clawedBack: fen(9_500),
      available: -500,
      maxWithdrawal: fen(0),
      dailyCap: fen(50_000),
    });
    expect(owing).toMatchObject({
      clawbackNote: '已扣除售后退款 ¥95.00',
      hint: '单笔最低 ¥1.00，每日累计最多 ¥500.00；当前没有可提现的金额',
      canWithdraw: false,
      maxText: '',
    });
    expect(owing.figures[0]).toEqual({ label: '可提现', value: '-¥5.00' });
  });

  it('turns the typed yuan into fen and leaves every other rule to the server', () => {
    expect(withdrawRequest(' 12.5 ', 'wd-key-0001')).toEqual({ amount: 1_250, requestKey: 'wd-key-0001' });
    expect(withdrawRequest('0.5', 'wd-key-0001')).toEqual({ amount: 50, requestKey: 'wd-key-0001' });
    for (const typed of ['', '0', '1.234', '-3', 'abc']) {
      expect(withdrawRequest(typed, 'wd-key-0001')).toEqual({ error: '请输入提现金额（元，最多两位小数）' });
    }
    expect(withdrawModal(1_250).content).toContain('¥12.50');
  });

  it('follows a withdrawal along its progress line, with ops’ or WeChat’s reason', () => {
    expect(states(requested)).toEqual(['提交申请:done', '平台审核:current', '微信转账:todo', '到账:todo']);
    expect(withdrawalRow(requested)).toMatchObject({
      amountText: '¥10.00',
      statusLabel: '待审核',
      timeText: '2026-12-02 10:00',
      note: '',
      canConfirm: false,
      confirmation: null,
      tone: 'primary',
    });
    const declined = { ...requested, status: 'declined' as const, statusLabel: '已拒绝', declineReason: '信息不符' };
    expect(states(declined)).toEqual(['提交申请:done', '平台审核:failed', '微信转账:todo', '到账:todo']);
    expect(withdrawalRow(declined)).toMatchObject({ note: '拒绝原因：信息不符，金额已退回余额', tone: 'default' });
    const voided = { ...requested, status: 'voided' as const, statusLabel: '转账未完成', failReason: 'OVERDUE_CLOSE' };
    expect(states(voided)).toEqual(['提交申请:done', '平台审核:done', '微信转账:failed', '到账:todo']);
    expect(withdrawalRow(voided).note).toBe('超过 24 小时未确认收款，金额已退回余额，可重新申请');
    expect(withdrawalRow({ ...voided, failReason: 'ACCOUNT_FROZEN' }).note).toContain('ACCOUNT_FROZEN');
    const paid = {
      ...requested,
      status: 'transferred' as const,
      statusLabel: '已到账',
      transferredAt: at('2026-12-03 09:15'),
    };
    expect(states(paid)).toEqual(['提交申请:done', '平台审核:done', '微信转账:done', '到账:done']);
    expect(withdrawalRow(paid)).toMatchObject({ timeText: '2026-12-03 09:15', tone: 'success' });
  });

  it('offers 确认收款 while WeChat waits for the leader, with what WeChat takes', () => {
    const confirmation = { mchId: '1900000109', appId: 'wx-app', packageInfo: 'pkg-1' };
    const waiting: WithdrawalView = {
      ...requested,
      status: 'transferring',
      statusLabel: '转账中',
      billState: 'WAIT_USER_CONFIRM',
      confirmation,
    };
    expect(withdrawalRow(waiting)).toMatchObject({
      statusLabel: '待确认收款',
      canConfirm: true,
      confirmation,
      note: '请在 24 小时内确认收款，逾期金额将退回余额',
    });
    expect(states(waiting)).toEqual(['提交申请:done', '平台审核:done', '微信转账:current', '到账:todo']);
  });

  it('lists entries with their kind, state and any refund taken back', () => {
    const entry = {
      entryId: 'COO1',
      kind: 'group_opener' as const,
      kindLabel: '开团佣金',
      status: 'withdrawable' as const,
      statusLabel: '可提现',
      amount: fen(598),
      clawedBack: fen(200),
      activityId: 'A1',
      createdAt: at('2026-12-01 08:00'),
      updatedAt: at('2026-12-01 08:00'),
    };
    expect(entryRow(entry)).toEqual({
      entryId: 'COO1',
      title: '开团佣金',
      statusLabel: '可提现',
      amountText: '¥5.98',
      note: '售后扣回 ¥2.00',
      timeText: '2026-12-01 08:00',
    });
  });

  it('puts a new withdrawal first, once, and shows a failed load as an error to retry', () => {
    const older = withdrawalRow({ ...requested, withdrawalId: 'WD0000' });
    const rows = withNewWithdrawal([withdrawalRow(requested), older], requested);
    expect(rows.map((r) => r.withdrawalId)).toEqual(['WD0001', 'WD0000']);
    const listed = success({ withdrawals: [requested], hasMore: false, balance });
    const earnings = success({ balance, entries: [], hasMore: true });
    expect(earningsLoaded(listed, earnings)).toMatchObject({
      state: 'ready',
      withdrawals: [{ withdrawalId: 'WD0001' }],
      withdrawalsMore: false,
      entries: [],
      entriesMore: true,
    });
    expect(earningsLoaded(failure('FORBIDDEN', '你还不是团长'), earnings)).toEqual({
      state: 'error',
      message: '你还不是团长',
    });
    expect(earningsLoaded(listed, failure('UNAVAILABLE', '网络开小差了'))).toEqual({
      state: 'error',
      message: '网络开小差了',
    });
  });
});
