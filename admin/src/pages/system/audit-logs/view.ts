/** What the audit log shows of a record: its time in Shanghai, and its change in one line. */

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const formatInstant = (at: number): string => SHANGHAI.format(new Date(at)).replace(/\//g, '-');

const text = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

/** `before → after`, or just one side when the other is absent. */
export function summarise(before: unknown, after: unknown): string {
  if (before === undefined) return text(after);
  if (after === undefined) return text(before);
  return `${text(before)} → ${text(after)}`;
}

export interface AuditSearchForm {
  account: string;
  action: string;
  target: string;
  /** `YYYY-MM-DD` days in Shanghai, inclusive. */
  fromDay: string;
  toDay: string;
}

export const emptyAuditSearch = (): AuditSearchForm => ({
  account: '',
  action: '',
  target: '',
  fromDay: '',
  toDay: '',
});

const DAY_MS = 86_400_000;
const shanghaiMidnight = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** The listAuditLogs filter: trimmed, empty fields left out, days as an inclusive range of instants. */
export function auditRequest(form: AuditSearchForm): {
  account?: string;
  action?: string;
  target?: string;
  from?: number;
  to?: number;
} {
  const request: Record<string, string | number | undefined> = {
    account: (form.account ?? '').trim() || undefined,
    action: (form.action ?? '').trim() || undefined,
    target: (form.target ?? '').trim() || undefined,
    from: form.fromDay ? shanghaiMidnight(form.fromDay) : undefined,
    // The server's `to` is inclusive: the last millisecond of the day.
    to: form.toDay ? shanghaiMidnight(form.toDay) + DAY_MS - 1 : undefined,
  };
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}

/** The actions the log records, for the 操作 filter: each with what it reads as. */
export const AUDITED_ACTIONS: Record<string, string> = {
  staffLogin: '登录',
  staffLogout: '退出登录',
  changePassword: '修改密码',
  refundOrder: '订单退款',
  retryRefund: '退款重试',
  settleRefundOffline: '线下退款',
  runJob: '执行任务',
  createStaff: '新建员工',
  editStaff: '编辑员工',
  setStaffStatus: '停用/启用员工',
  resetStaffPassword: '重置密码',
};
