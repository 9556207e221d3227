/**
 * What the 团长申请 pages show and send: the status filter as the request, the applicant and the point they chose
 * as rows (an existing point as it is now, or their shop, with its map coordinates as text), and ops' two answers
 * (the server says which are open, `actions`) with their words and the check the decline dialog makes first; and
 * 提现审核: the filter, each withdrawal's payout as ops follow it (WeChat's bill, failed attempts, flagged) and its
 * reason, and ops' three actions (approve, decline with a reason, retry a flagged one); and
 * the 团长 pages: the roster's filters as the request, a leader's point and results as rows.
 */
import {
  type ConsoleLeaderApplication,
  type ConsoleWithdrawal,
  LEADER_APPLICATION_STATUS_LABELS,
  type LeaderApplicationStatus,
  type LeaderDetail,
  type LeaderPointView,
  TRANSFER_BILL_STATE_LABELS,
  WITHDRAWAL_STATUS_LABELS,
  type WithdrawalStatus,
} from '@shared/admin-client';

import { PICKUP_POINT_STATUS_LABELS } from '../catalog/view';
import { formatInstant } from '../system/audit-logs/view';
import { yuan } from '../orders/view';

/** The list's filter: one status or all (''). */
export const STATUS_OPTIONS = (Object.keys(LEADER_APPLICATION_STATUS_LABELS) as LeaderApplicationStatus[]).map(
  (value) => ({ value, label: LEADER_APPLICATION_STATUS_LABELS[value] }),
);

/** The request for the filter: all statuses when none is chosen. */
export const leaderSearchRequest = (status: string): { status?: LeaderApplicationStatus } =>
  status ? { status: status as LeaderApplicationStatus } : {};

/** Waiting applications read as ops' to answer; approved ones as done; the rest as closed. */
export function statusTheme(status: LeaderApplicationStatus): 'warning' | 'success' | 'default' {
  if (status === 'pending') return 'warning';
  if (status === 'approved') return 'success';
  return 'default';
}

export interface Row {
  readonly label: string;
  readonly value: string;
}

/** A point on the map as text: `经度 106.5775，纬度 29.5577` (GeoJSON keeps longitude first). */
export function coordinatesText(location: { readonly coordinates: readonly [number, number] }): string {
  const [longitude, latitude] = location.coordinates;
  return `经度 ${longitude}，纬度 ${latitude}`;
}

/** The list's point column: the shop's name, or the existing point's id until the detail names it. */
export function pointSummary(application: Pick<ConsoleLeaderApplication, 'point'>): string {
  const { point } = application;
  return point.kind === 'new_shop' ? `新店：${point.shop.name}` : `已有：${point.pickupPointId}`;
}

/**
 * The point's rows: the shop as the applicant described it (and, once approved, the point it became), or the
 * existing point as it is now (its keeper, when it is someone else, means approving will be refused).
 */
export function pointRows(application: ConsoleLeaderApplication, pickupPoint: LeaderPointView | null): Row[] {
  const rows: Row[] = [{ label: '方式', value: application.pointLabel }];
  const { point } = application;
  if (point.kind === 'new_shop') {
    rows.push(
      { label: '店铺名称', value: point.shop.name },
      { label: '区县', value: point.shop.district },
      { label: '地址', value: point.shop.address },
      { label: '坐标', value: coordinatesText(point.shop.location) },
    );
    if (pickupPoint) rows.push({ label: '已建自提点', value: `${pickupPoint.name}（${pickupPoint.pickupPointId}）` });
    return rows;
  }
  if (!pickupPoint) return [...rows, { label: '自提点', value: `${point.pickupPointId}（已不存在）` }];
  rows.push(
    { label: '自提点', value: `${pickupPoint.name}（${pickupPoint.pickupPointId}）` },
    { label: '区县', value: pickupPoint.district },
    { label: '地址', value: pickupPoint.address },
    { label: '坐标', value: coordinatesText(pickupPoint.location) },
    { label: '状态', value: PICKUP_POINT_STATUS_LABELS[pickupPoint.status] ?? pickupPoint.status },
    { label: '团长', value: keeperText(application, pickupPoint) },
  );
  return rows;
}

function keeperText(application: ConsoleLeaderApplication, point: LeaderPointView): string {
  if (point.keeperOpenid === undefined) return '暂无';
  if (point.keeperOpenid === application.openid) return '申请人';
  return `已有其他团长（${point.keeperOpenid}）`;
}

/** What ops should know before approving: the point is taken by someone else, or deactivated. */
export function approvalWarning(
  application: ConsoleLeaderApplication,
  pickupPoint: LeaderPointView | null,
): string | undefined {
  if (!application.actions.includes('approve') || application.point.kind !== 'existing') return undefined;
  if (!pickupPoint) return '所选自提点已不存在，无法通过';
  if (pickupPoint.status !== 'active') return '所选自提点已停用，无法通过';
  if (pickupPoint.keeperOpenid !== undefined && pickupPoint.keeperOpenid !== application.openid) {
    return '所选自提点已有其他团长，无法通过';
  }
  return undefined;
}

export type LeaderAction = 'approve' | 'decline';

/** Each answer's button, its dialog's title and what the dialog asks to confirm. */
export const LEADER_ACTIONS: Record<LeaderAction, { label: string; title: string; confirm: string; danger?: boolean }> =
  {
    approve: {
      label: '通过',
      title: '通过团长申请',
      confirm: '通过后申请人成为团长，负责所选自提点（新店铺将登记为新的自提点）。',
    },
    decline: { label: '拒绝', title: '拒绝团长申请', confirm: '拒绝原因会告知申请人。', danger: true },
  };

/** The answers in the order their buttons show, the refusal last. */
export const actionOrder = (actions: readonly LeaderAction[]): LeaderAction[] =>
  (['approve', 'decline'] as const).filter((a) => actions.includes(a));

export const DECLINE_REASON_MAX = 200;

/** What the dialog of `action` must still be given, or undefined when it may be sent. */
export function actionProblem(action: LeaderAction | WithdrawalAction, draft: { reason: string }): string | undefined {
  if (action !== 'decline') return undefined;
  const reason = draft.reason.trim();
  if (reason.length < 2) return '请填写拒绝原因（至少 2 个字）';
  if (reason.length > DECLINE_REASON_MAX) return `拒绝原因最多 ${DECLINE_REASON_MAX} 字`;
  return undefined;
}

// 提现审核: 团长 withdrawals.

/** The withdrawals list's filter: one status or all (''). */
export const WITHDRAWAL_STATUS_OPTIONS = (Object.keys(WITHDRAWAL_STATUS_LABELS) as WithdrawalStatus[]).map((value) => ({
  value,
  label: WITHDRAWAL_STATUS_LABELS[value],
}));

/** The request for the filter: a status and a leader's openid, each only when given. */
export function withdrawalSearchRequest(
  status: string,
  leaderOpenid: string,
): { status?: WithdrawalStatus; leaderOpenid?: string } {
  const openid = leaderOpenid.trim();
  return { ...(status ? { status: status as WithdrawalStatus } : {}), ...(openid ? { leaderOpenid: openid } : {}) };
}

/** Waiting for ops reads as theirs to answer, flagged as trouble, paid as done, declined or voided as closed. */
export function withdrawalTheme(
  withdrawal: Pick<ConsoleWithdrawal, 'status' | 'actions'>,
): 'warning' | 'danger' | 'success' | 'primary' | 'default' {
  if (withdrawal.actions.includes('approve')) return 'warning';
  if (withdrawal.actions.includes('retry')) return 'danger';
  if (withdrawal.status === 'transferred') return 'success';
  if (withdrawal.status === 'declined' || withdrawal.status === 'voided') return 'default';
  return 'primary';
}

/**
 * The payout column: WeChat's bill as last known (or that none was asked for yet), the failed attempts and when the
 * job looks again, and since when it waits for ops.
 */
export function payoutLines(withdrawal: ConsoleWithdrawal, now: number): string[] {
  const lines: string[] = [];
  if (withdrawal.billState) lines.push(`微信：${TRANSFER_BILL_STATE_LABELS[withdrawal.billState]}`);
  else if (withdrawal.actions.includes('approve') || withdrawal.status === 'declined') lines.push('未发起转账');
  else lines.push('待向微信发起转账');
  if (withdrawal.attempts > 0) {
    const again =
      withdrawal.flaggedAt === undefined && withdrawal.status === 'failed' && withdrawal.nextAttemptAt > now
        ? `，${formatInstant(withdrawal.nextAttemptAt)} 再试`
        : '';
    lines.push(`失败 ${withdrawal.attempts} 次${again}`);
  }
  if (withdrawal.flaggedAt !== undefined && withdrawal.actions.includes('retry')) {
    lines.push(`${formatInstant(withdrawal.flaggedAt)} 转人工`);
  }
  if (withdrawal.transferredAt !== undefined) lines.push(`${formatInstant(withdrawal.transferredAt)} 到账`);
  return lines;
}

/** The reason column: ops' decline, WeChat's reason for ending it unpaid, or the last failed attempt's error. */
export function withdrawalReason(withdrawal: ConsoleWithdrawal): string {
  if (withdrawal.declineReason) return `拒绝：${withdrawal.declineReason}`;
  if (withdrawal.failReason) return `微信未付款：${withdrawal.failReason}`;
  if (withdrawal.lastError && withdrawal.status !== 'transferred') return `转账失败：${withdrawal.lastError}`;
  return '';
}

export type WithdrawalAction = ConsoleWithdrawal['actions'][number];

/** Each action's button, its dialog's title and what the dialog asks to confirm. */
export const WITHDRAWAL_ACTIONS: Record<
  WithdrawalAction,
  { label: string; title: string; confirm: string; danger?: boolean }
> = {
  approve: {
    label: '通过',
    title: '通过提现申请',
    confirm: '通过后约一分钟内向微信发起转账，团长需在 24 小时内于小程序中确认收款。',
  },
  decline: {
    label: '拒绝',
    title: '拒绝提现申请',
    confirm: '拒绝原因会告知团长，金额退回其可提现余额。',
    danger: true,
  },
  retry: {
    label: '重新转账',
    title: '重新发起转账',
    confirm: '请先处理微信拒绝的原因。将以同一转账单号再次向微信发起，微信不会重复付款。',
  },
};

/** The actions in the order their buttons show, the refusal last. */
export const withdrawalActionOrder = (actions: readonly WithdrawalAction[]): WithdrawalAction[] =>
  (['approve', 'retry', 'decline'] as const).filter((a) => actions.includes(a));
/** The 团长 roster's filters, as typed. */
export interface RosterFilters {
  name: string;
  phone: string;
  pickupPointId: string;
}

export type RosterRequest =
  { ok: true; request: { name?: string; phone?: string; pickupPointId?: string } } | { ok: false; message: string };

/** The filters as searchLeaders takes them (blank ones left out), or what to fix: a mobile is digits, at most 11. */
export function rosterRequest(filters: RosterFilters): RosterRequest {
  const name = filters.name.trim();
  const phone = filters.phone.trim();
  const pickupPointId = filters.pickupPointId.trim();
  if (phone && !/^\d{1,11}$/.test(phone)) return { ok: false, message: '手机号只能填数字（可只填开头几位）' };
  if (name.length > 20) return { ok: false, message: '姓名最多 20 个字' };
  return {
    ok: true,
    request: { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(pickupPointId ? { pickupPointId } : {}) },
  };
}

/** Fen as yuan with its sign: `¥12.30`, `-¥0.50` (a balance is negative while clawbacks exceed it). */
export const signedYuan = (fen: number): string => (fen < 0 ? `-¥${yuan(-fen)}` : `¥${yuan(fen)}`);

/** The point a leader runs, as it is now (gone: its id and that it is gone). */
export function leaderPointRows(detail: LeaderDetail): Row[] {
  const point = detail.pickupPoint;
  if (!point) return [{ label: '自提点', value: `${detail.leader.pickupPointId}（已不存在）` }];
  return [
    { label: '自提点', value: `${point.name}（${point.pickupPointId}）` },
    { label: '区县', value: point.district },
    { label: '地址', value: point.address },
    { label: '状态', value: PICKUP_POINT_STATUS_LABELS[point.status] ?? point.status },
  ];
}

/** A leader's results: groups, sales, balance; the success rate over groups that ended. */
export function resultRows(detail: LeaderDetail): Row[] {
  const { groups, sales, balance } = detail.results;
  const ended = groups.opened - groups.forming;
  const rate = ended > 0 ? `${Math.round((groups.succeeded / ended) * 100)}%` : '—';
  return [
    { label: '开团', value: `${groups.opened} 个（拼团中 ${groups.forming}）` },
    { label: '成团', value: `${groups.succeeded} 个（成团率 ${rate}）` },
    { label: '付款订单', value: `${sales.paidOrders} 单` },
    { label: '付款金额', value: signedYuan(sales.paidAmount) },
    { label: '已退款', value: signedYuan(sales.refundedAmount) },
    { label: '可提现余额', value: signedYuan(balance.available) },
    { label: '提现中', value: signedYuan(balance.reserved) },
    { label: '已提现', value: signedYuan(balance.paidOut) },
    { label: '预估收入', value: signedYuan(balance.prospective) },
    { label: '已扣回', value: signedYuan(balance.clawedBack) },
  ];
}
