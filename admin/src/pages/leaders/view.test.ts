import {
  type ConsoleLeaderApplication,
  type ConsoleWithdrawal,
  type LeaderDetail,
  type LeaderPointView,
  money,
} from '@shared/admin-client';
import { describe, expect, it } from 'vitest';

import {
  actionOrder,
  actionProblem,
  approvalWarning,
  coordinatesText,
  leaderPointRows,
  leaderSearchRequest,
  pointRows,
  resultRows,
  rosterRequest,
  signedYuan,
  pointSummary,
  STATUS_OPTIONS,
  statusTheme,
  payoutLines,
  WITHDRAWAL_STATUS_OPTIONS,
  withdrawalActionOrder,
  withdrawalReason,
  withdrawalSearchRequest,
  withdrawalTheme,
} from './view';

const at = Date.UTC(2026, 11, 2, 2, 0);

const existing: ConsoleLeaderApplication = {
  applicationId: 'LA0001',
  openid: 'o-applicant',
  status: 'pending',
  statusLabel: '待审核',
  name: '王姐',
  phone: '13800000001',
  community: '解放碑社区',
  point: { kind: 'existing', pickupPointId: 'pp-jiefangbei' },
  pointLabel: '选择已有自提点',
  createdAt: at,
  updatedAt: at,
  actions: ['approve', 'decline'],
};

const shop: ConsoleLeaderApplication = {
  ...existing,
  applicationId: 'LA0002',
  point: {
    kind: 'new_shop',
    shop: {
      name: '王姐便利店',
      address: '渝中区民族路 1 号',
      district: '渝中区',
      location: { type: 'Point', coordinates: [106.5801, 29.5592] },
    },
  },
  pointLabel: '登记自己的店铺为新自提点',
};

const jiefangbei: LeaderPointView = {
  pickupPointId: 'pp-jiefangbei',
  name: '解放碑便民驿站',
  district: '渝中区',
  address: '渝中区民权路 28 号',
  location: { type: 'Point', coordinates: [106.5775, 29.5577] },
  status: 'active',
};

describe('团长申请 view', () => {
  it('filters by one status or none', () => {
    expect(leaderSearchRequest('')).toEqual({});
    expect(leaderSearchRequest('pending')).toEqual({ status: 'pending' });
    expect(STATUS_OPTIONS.map((o) => o.label)).toEqual(['待审核', '已通过', '未通过', '已撤回']);
  });

  it('reads waiting applications as ops’ to answer', () => {
    expect(statusTheme('pending')).toBe('warning');
    expect(statusTheme('approved')).toBe('success');
    expect(statusTheme('declined')).toBe('default');
    expect(statusTheme('retracted')).toBe('default');
  });

  it('writes a point on the map as text, longitude first', () => {
    expect(coordinatesText({ coordinates: [106.5775, 29.5577] })).toBe('经度 106.5775，纬度 29.5577');
    expect(pointSummary(existing)).toBe('已有：pp-jiefangbei');
    expect(pointSummary(shop)).toBe('新店：王姐便利店');
  });

  it('shows an existing point as it is now, its keeper against the applicant', () => {
    const rows = pointRows(existing, jiefangbei);
    expect(rows).toEqual([
      { label: '方式', value: '选择已有自提点' },
      { label: '自提点', value: '解放碑便民驿站（pp-jiefangbei）' },
      { label: '区县', value: '渝中区' },
      { label: '地址', value: '渝中区民权路 28 号' },
      { label: '坐标', value: '经度 106.5775，纬度 29.5577' },
      { label: '状态', value: '启用' },
      { label: '团长', value: '暂无' },
    ]);
    expect(pointRows(existing, { ...jiefangbei, keeperOpenid: 'o-applicant' }).at(-1)?.value).toBe('申请人');
    expect(pointRows(existing, { ...jiefangbei, keeperOpenid: 'o-other' }).at(-1)?.value).toBe(
      '已有其他团长（o-other）',
    );
    expect(pointRows(existing, null)).toEqual([
      { label: '方式', value: '选择已有自提点' },
      { label: '自提点', value: 'pp-jiefangbei（已不存在）' },
    ]);
  });

  it('shows a shop as described, and the point it became once approved', () => {
    expect(pointRows(shop, null)).toEqual([
      { label: '方式', value: '登记自己的店铺为新自提点' },
      { label: '店铺名称', value: '王姐便利店' },
      { label: '区县', value: '渝中区' },
      { label: '地址', value: '渝中区民族路 1 号' },
      { label: '坐标', value: '经度 106.5801，纬度 29.5592' },
    ]);
    const made = { ...jiefangbei, pickupPointId: 'PPLA0002', name: '王姐便利店' };
    expect(pointRows(shop, made).at(-1)).toEqual({ label: '已建自提点', value: '王姐便利店（PPLA0002）' });
  });

  it('warns before an approval the server would refuse', () => {
    expect(approvalWarning(existing, jiefangbei)).toBeUndefined();
    expect(approvalWarning(shop, null)).toBeUndefined();
    expect(approvalWarning(existing, null)).toBe('所选自提点已不存在，无法通过');
    expect(approvalWarning(existing, { ...jiefangbei, status: 'inactive' })).toBe('所选自提点已停用，无法通过');
    expect(approvalWarning(existing, { ...jiefangbei, keeperOpenid: 'o-other' })).toBe(
      '所选自提点已有其他团长，无法通过',
    );
    expect(approvalWarning({ ...existing, actions: [] }, null)).toBeUndefined();
  });

  it('offers the answers the server allows, the refusal last, a refusal with its reason', () => {
    expect(actionOrder(['decline', 'approve'])).toEqual(['approve', 'decline']);
    expect(actionOrder([])).toEqual([]);
    expect(actionProblem('approve', { reason: '' })).toBeUndefined();
    expect(actionProblem('decline', { reason: ' 否 ' })).toBe('请填写拒绝原因（至少 2 个字）');
    expect(actionProblem('decline', { reason: '该自提点已有团长' })).toBeUndefined();
    expect(actionProblem('decline', { reason: '长'.repeat(201) })).toBe('拒绝原因最多 200 字');
  });
});

describe('提现审核 view', () => {
  const requested: ConsoleWithdrawal = {
    withdrawalId: 'WD0001',
    leaderOpenid: 'o-leader',
    leaderName: '王姐',
    amount: money.fen(3_000),
    status: 'requested',
    statusLabel: '待审核',
    outBillNo: 'WD0001',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    updatedAt: at,
    actions: ['approve', 'decline'],
  };
  const later = at + 3_600_000;

  it('filters by status and leader, each only when given', () => {
    expect(WITHDRAWAL_STATUS_OPTIONS[0]).toEqual({ value: 'requested', label: '待审核' });
    expect(WITHDRAWAL_STATUS_OPTIONS.map((o) => o.value)).toContain('flagged');
    expect(withdrawalSearchRequest('', '  ')).toEqual({});
    expect(withdrawalSearchRequest('flagged', ' o-leader ')).toEqual({ status: 'flagged', leaderOpenid: 'o-leader' });
  });

  it('shows where each payout stands: not asked, WeChat’s bill, failed attempts, flagged, paid', () => {
    expect(payoutLines(requested, at)).toEqual(['未发起转账']);
    expect(withdrawalTheme(requested)).toBe('warning');
    const approved = { ...requested, status: 'approved' as const, statusLabel: '审核通过，待转账', actions: [] };
    expect(payoutLines(approved, at)).toEqual(['待向微信发起转账']);
    expect(withdrawalTheme(approved)).toBe('primary');
    const failed = {
      ...approved,
      status: 'failed' as const,
      attempts: 2,
      lastError: 'SYSTEM_ERROR',
      nextAttemptAt: later,
    };
    expect(payoutLines(failed, at)).toEqual(['待向微信发起转账', '失败 2 次，2026-12-02 11:00:00 再试']);
    expect(withdrawalReason(failed)).toBe('转账失败：SYSTEM_ERROR');
    const flagged = {
      ...failed,
      status: 'flagged' as const,
      attempts: 5,
      lastError: 'NOT_ENOUGH',
      flaggedAt: later,
      actions: ['retry' as const],
    };
    expect(payoutLines(flagged, later)).toEqual(['待向微信发起转账', '失败 5 次', '2026-12-02 11:00:00 转人工']);
    expect(withdrawalTheme(flagged)).toBe('danger');
    const waiting = { ...approved, status: 'transferring' as const, billState: 'WAIT_USER_CONFIRM' as const };
    expect(payoutLines(waiting, at)).toEqual(['微信：待团长确认收款']);
    const paid = {
      ...waiting,
      status: 'transferred' as const,
      billState: 'SUCCESS' as const,
      attempts: 1,
      lastError: 'SYSTEM_ERROR',
      transferredAt: later,
    };
    expect(payoutLines(paid, later)).toEqual(['微信：已到账', '失败 1 次', '2026-12-02 11:00:00 到账']);
    expect(withdrawalReason(paid)).toBe('');
    expect(withdrawalTheme(paid)).toBe('success');
  });

  it('gives ops’ or WeChat’s reason for a withdrawal that ended unpaid', () => {
    const declined = { ...requested, status: 'declined' as const, declineReason: '信息不符', actions: [] };
    expect(withdrawalReason(declined)).toBe('拒绝：信息不符');
    expect(payoutLines(declined, at)).toEqual(['未发起转账']);
    expect(withdrawalTheme(declined)).toBe('default');
    const voided = { ...requested, status: 'voided' as const, billState: 'FAIL' as const, failReason: 'OVERDUE_CLOSE' };
    expect(withdrawalReason({ ...voided, actions: [] })).toBe('微信未付款：OVERDUE_CLOSE');
    expect(payoutLines({ ...voided, actions: [] }, at)).toEqual(['微信：转账失败']);
  });

  it('offers what the server allows, the refusal last, a decline with its reason', () => {
    expect(withdrawalActionOrder(['decline', 'approve'])).toEqual(['approve', 'decline']);
    expect(withdrawalActionOrder(['retry'])).toEqual(['retry']);
    expect(actionProblem('retry', { reason: '' })).toBeUndefined();
    expect(actionProblem('decline', { reason: '' })).toBe('请填写拒绝原因（至少 2 个字）');
  });
});

describe("the 团长 roster and a leader's results", () => {
  const detail: LeaderDetail = {
    leader: {
      openid: 'o-leader',
      name: '李秀英',
      phone: '13912345678',
      community: '解放碑社区',
      pickupPointId: 'pp-mzl',
      pickupPointName: '民族路便利店',
      approvedAt: at,
      applicationId: 'LA0001',
      approvedBy: 'staff:ops',
    },
    pickupPoint: {
      pickupPointId: 'pp-mzl',
      name: '民族路便利店',
      district: '渝中区',
      address: '民族路 1 号',
      status: 'active',
    },
    results: {
      groups: { opened: 12, succeeded: 8, forming: 2 },
      sales: { paidOrders: 30, paidAmount: 89_700, refundedAmount: 2_990 },
      commission: [],
      balance: {
        withdrawableEarned: 5_000,
        clawedBack: 150,
        paidOut: 2_000,
        reserved: 1_000,
        available: 1_850,
        prospective: 900,
      },
    },
  } as unknown as LeaderDetail;

  it('sends the filters typed, blank ones left out; a mobile is digits', () => {
    expect(rosterRequest({ name: ' 李 ', phone: '', pickupPointId: '' })).toEqual({
      ok: true,
      request: { name: '李' },
    });
    expect(rosterRequest({ name: '', phone: '139', pickupPointId: 'pp-mzl' })).toEqual({
      ok: true,
      request: { phone: '139', pickupPointId: 'pp-mzl' },
    });
    expect(rosterRequest({ name: '', phone: '139-1', pickupPointId: '' })).toMatchObject({ ok: false });
    expect(rosterRequest({ name: '', phone: '139123456789', pickupPointId: '' })).toMatchObject({ ok: false });
  });

  it('shows money with its sign, a balance below zero included', () => {
    expect(signedYuan(1_850)).toBe('¥18.50');
    expect(signedYuan(0)).toBe('¥0.00');
    expect(signedYuan(-50)).toBe('-¥0.50');
  });

  it('shows the point as it is now, or that it is gone', () => {
    expect(leaderPointRows(detail).map((r) => r.value)).toEqual([
      '民族路便利店（pp-mzl）',
      '渝中区',
      '民族路 1 号',
      '启用',
    ]);
    expect(leaderPointRows({ ...detail, pickupPoint: null })).toEqual([
      { label: '自提点', value: 'pp-mzl（已不存在）' },
    ]);
  });

  it('shows groups with the success rate over those that ended, sales and the balance', () => {
    const rows = Object.fromEntries(resultRows(detail).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      开团: '12 个（拼团中 2）',
      成团: '8 个（成团率 80%）',
      付款订单: '30 单',
      付款金额: '¥897.00',
      已退款: '¥29.90',
      可提现余额: '¥18.50',
      提现中: '¥10.00',
      已提现: '¥20.00',
      预估收入: '¥9.00',
      已扣回: '¥1.50',
    });
    const none = { ...detail, results: { ...detail.results, groups: { opened: 1, succeeded: 0, forming: 1 } } };
    expect(resultRows(none)[1]?.value).toBe('0 个（成团率 —）');
  });
});
