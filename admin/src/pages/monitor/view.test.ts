import { GROUP_STATUS_LABELS, money } from '@shared/admin-client';
import { describe, expect, it } from 'vitest';
import {
  canPauseFromMonitor,
  countdown,
  districtChartOption,
  extensionChoices,
  groupStatusLabel,
  hourChartOption,
  hourSince,
  pauseRequest,
  percent,
  reasonError,
  yuan,
} from './view';

const HOUR = 3_600_000;
const tally = { opened: 0, succeeded: 0, failed: 0, paidOrders: 0 };

describe('live monitor view', () => {
  it('writes rates, amounts and countdowns', () => {
    expect([percent(0.8333), percent(1), percent(0), percent(null)]).toEqual(['83.3%', '100.0%', '0.0%', '—']);
    expect([yuan(1230), yuan(5)]).toEqual(['12.30', '0.05']);
    expect(countdown(1_000 + 42 * 60_000 + 5_000, 1_000)).toBe('42 分 05 秒');
    expect(countdown(3 * HOUR + 12 * 60_000, 0)).toBe('3 小时 12 分');
    expect(countdown(0, 1)).toBe('已截止');
  });

  it('offers ops 暂停 on a selling activity’s row, and sends the pause with its trimmed reason', () => {
    expect(canPauseFromMonitor('active', 'ops')).toBe(true);
    expect(canPauseFromMonitor('paused', 'ops')).toBe(false);
    expect(canPauseFromMonitor('active', 'merchant')).toBe(false);
    expect(canPauseFromMonitor('active', undefined)).toBe(false);
    expect(pauseRequest('a1', '  商家临时缺货 ')).toEqual({
      ok: true,
      request: { activityId: 'a1', reason: '商家临时缺货' },
    });
    expect(pauseRequest('a1', ' 缺 ')).toEqual({ ok: false, message: '请填写原因（至少 2 个字）' });
  });

  it('says 平台成团 for a group the platform completed, never a made-up status', () => {
    expect(groupStatusLabel({ status: 'succeeded', completedBy: 'platform' }, GROUP_STATUS_LABELS)).toBe('平台成团');
    expect(groupStatusLabel({ status: 'failed', closedBy: 'platform' }, GROUP_STATUS_LABELS)).toBe('平台关闭');
    expect(groupStatusLabel({ status: 'forming' }, GROUP_STATUS_LABELS)).toBe('拼团中');
  });

  it('requires a reason as the server does', () => {
    expect(reasonError(' ')).toBe('请填写原因（至少 2 个字）');
    expect(reasonError('缺货')).toBeNull();
    expect(reasonError('长'.repeat(201))).toBe('原因最多 200 个字');
  });

  it('offers extensions within 24 hours and the activity’s end', () => {
    expect(extensionChoices(0, 24 * HOUR).map((c) => c.hours)).toEqual([1, 2, 4, 6, 12, 24]);
    expect(extensionChoices(0, 3.5 * HOUR)).toEqual([
      { hours: 1, at: HOUR },
      { hours: 2, at: 2 * HOUR },
      { hours: 3.5, at: 3.5 * HOUR },
    ]);
    expect(extensionChoices(0, 0)).toEqual([]);
  });

  it('charts sales in yuan and the success rate in percent, by hour up to now and by district', () => {
    const byHour = Array.from({ length: 24 }, (_, hour) => ({
      ...tally,
      hour,
      salesAmount: money.fen(hour === 1 ? 1990 : 0),
      successRate: hour === 1 ? 0.5 : null,
    }));
    const option = hourChartOption(byHour, 2);
    expect(option.xAxis.data).toEqual(['0点', '1点', '2点']);
    expect(option.series[0]?.data).toEqual([0, 19.9, 0]);
    expect(option.series[1]?.data).toEqual([null, 50, null]);
    const districts = districtChartOption([
      { ...tally, district: '渝中区', salesAmount: money.fen(100), successRate: 1 },
    ]);
    expect(districts.xAxis.data).toEqual(['渝中区']);
    expect(districts.series[1]?.data).toEqual([100]);
    expect(hourSince(0, 90 * 60_000)).toBe(1);
  });
});
