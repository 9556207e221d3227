/**
 * What the live monitor (实时监控) and the group detail show and send: rates and amounts as words, the
 * countdown of a group, the charts' options (plain data, so they are tested without a canvas), the hours
 * an extension may add, and a reason checked as the server checks it.
 */
import type { GroupStatus, MonitorActivity, MonitorTally, StaffRole } from '@shared/admin-client';

/** How the monitor names an activity's status. */
export const ACTIVITY_STATUS_LABELS: Record<MonitorActivity['status'], string> = {
  draft: '草稿',
  active: '进行中',
  paused: '已暂停',
  ended: '已结束',
};

/** How often the dashboard asks again: the issue allows at most 5 s behind. */
export const REFRESH_MS = 4_000;

/** 0.8333 → `83.3%`; null (nothing ended) → `—`. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** 1230 fen → `12.30`. */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Time left before a deadline: `42 分 05 秒`, `3 小时 12 分`, or `已截止`. */
export function countdown(deadlineAt: number, now: number): string {
  const left = Math.floor((deadlineAt - now) / 1000);
  if (left <= 0) return '已截止';
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  if (hours > 0) return `${hours} 小时 ${minutes} 分`;
  return `${minutes} 分 ${String(left % 60).padStart(2, '0')} 秒`;
}

/** How the console names a group's status; a platform completion reads 平台成团, a close 平台关闭. */
export function groupStatusLabel(
  group: { readonly status: GroupStatus; readonly completedBy?: string; readonly closedBy?: string },
  labels: Readonly<Record<GroupStatus, string>>,
): string {
  if (group.completedBy === 'platform') return '平台成团';
  if (group.closedBy === 'platform') return '平台关闭';
  return labels[group.status];
}

/** Why staff intervene: 2 to 200 characters once trimmed (the server says the same). */
export function reasonError(reason: string): string | null {
  const length = reason.trim().length;
  if (length < 2) return '请填写原因（至少 2 个字）';
  if (length > 200) return '原因最多 200 个字';
  return null;
}

/**
 * Whether an activity's row on the monitor offers 暂停: to ops (an intervention, with a reason), while it
 * sells. Merchants pause their own activities on 拼团活动.
 */
export const canPauseFromMonitor = (status: MonitorActivity['status'], role: StaffRole | undefined): boolean =>
  role === 'ops' && status === 'active';

/** pauseActivity's request from the row's dialog, or the reason's refusal (as the server words it). */
export function pauseRequest(
  activityId: string,
  reason: string,
): { ok: true; request: { activityId: string; reason: string } } | { ok: false; message: string } {
  const refusal = reasonError(reason);
  return refusal ? { ok: false, message: refusal } : { ok: true, request: { activityId, reason: reason.trim() } };
}

const HOUR_MS = 3_600_000;

/**
 * The extensions offered: whole hours from 1 up to what the limit allows (24 h more, never past the
 * activity's end), with the last partial step to the latest deadline when it is not a whole hour.
 */
export function extensionChoices(deadlineAt: number, latestDeadlineAt: number): { hours: number; at: number }[] {
  const room = latestDeadlineAt - deadlineAt;
  if (room <= 0) return [];
  const choices: { hours: number; at: number }[] = [];
  for (const hours of [1, 2, 4, 6, 12, 24])
    if (hours * HOUR_MS <= room) choices.push({ hours, at: deadlineAt + hours * HOUR_MS });
  const last = choices[choices.length - 1];
  if (!last || last.at < latestDeadlineAt) {
    choices.push({ hours: Math.round((room / HOUR_MS) * 10) / 10, at: latestDeadlineAt });
  }
  return choices;
}

type HourTally = MonitorTally & { readonly hour: number };
type DistrictTally = MonitorTally & { readonly district: string };

/** A bar-and-line chart: sales (yuan) as bars, success rate (%) as a line, over some categories. */
function salesAndRate(categories: string[], rows: readonly MonitorTally[]) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['销售额（元）', '成团率（%）'] },
    grid: { left: 48, right: 48, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: categories },
    yAxis: [
      { type: 'value', name: '元' },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: '销售额（元）', type: 'bar', data: rows.map((r) => r.salesAmount / 100) },
      {
        name: '成团率（%）',
        type: 'line',
        yAxisIndex: 1,
        connectNulls: true,
        data: rows.map((r) => (r.successRate === null ? null : Math.round(r.successRate * 1000) / 10)),
      },
    ],
  };
}

/** Today by hour (0–23 点), up to the current hour. */
export function hourChartOption(byHour: readonly HourTally[], currentHour: number) {
  const rows = byHour.filter((r) => r.hour <= currentHour);
  return salesAndRate(
    rows.map((r) => `${r.hour}点`),
    rows,
  );
}

/** Today by district, best sellers first. */
export function districtChartOption(byDistrict: readonly DistrictTally[]) {
  return salesAndRate(
    byDistrict.map((r) => r.district),
    byDistrict,
  );
}

/** The hour of the day in Shanghai (UTC+8, no summer time) of an instant counted from the day's start. */
export const hourSince = (dayStartAt: number, at: number): number =>
  Math.min(23, Math.max(0, Math.floor((at - dayStartAt) / HOUR_MS)));
