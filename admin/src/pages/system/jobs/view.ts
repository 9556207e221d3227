/** What the 任务 page shows of a job's runs: who started one, how long it took, and what it did, in words. */
import type { JobRunItem } from '@shared/admin-client';

export const TRIGGER_LABELS: Record<JobRunItem['trigger'], string> = {
  timer: '定时',
  console: '管理后台',
  cloud_console: '云开发控制台',
  function: '其他云函数',
};

/** Who started a run: its timer, or the account that ran it from here. */
export const triggerLabel = (run: Pick<JobRunItem, 'trigger' | 'requestedBy'>): string =>
  run.requestedBy ? `${TRIGGER_LABELS[run.trigger]}（${run.requestedBy}）` : TRIGGER_LABELS[run.trigger];

/** 850 → `850 ms`, 12_345 → `12.3 s`. */
export const formatDuration = (ms: number): string => (ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`);

/** The jobs' own figures, by the name their reports give them. */
export const DETAIL_LABELS: Record<string, string> = {
  refundsRequested: '发起退款',
  refundsFailed: '退款失败',
  recovered: '补记支付',
  failures: '出错',
  flagged: '转人工',
  reminded: '提醒',
  sent: '已发送',
  noCredit: '无订阅额度',
  failed: '发送失败',
};

const REPORT_COUNTS = ['scanned', 'changed', 'remaining'];

/** A report's own figures beyond scanned / changed / remaining, as `发起退款 2 · 退款失败 0`. */
export function detailsText(details: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(details ?? {}).filter(([key]) => !REPORT_COUNTS.includes(key));
  return entries.map(([key, value]) => `${DETAIL_LABELS[key] ?? key} ${value}`).join(' · ');
}

/** A run's outcome in a word: 成功, 试运行 or the failure's code. */
export function outcomeLabel(run: Pick<JobRunItem, 'ok' | 'dryRun' | 'errorCode'>): string {
  if (!run.ok) return `失败（${run.errorCode ?? 'INTERNAL'}）`;
  return run.dryRun ? '成功（试运行）' : '成功';
}

/** The limit typed in the run form: empty means the job's default; otherwise a whole number 1–10000. */
export function parseLimit(text: string): { ok: true; limit?: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true };
  if (!/^\d{1,5}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 10_000)
    return { ok: false, message: '处理上限为 1–10000 的整数，留空用任务默认值' };
  return { ok: true, limit: Number(trimmed) };
}
