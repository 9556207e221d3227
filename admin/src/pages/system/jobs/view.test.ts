import { describe, expect, it } from 'vitest';
import { detailsText, formatDuration, outcomeLabel, parseLimit, triggerLabel } from './view';

describe('jobs view', () => {
  it('says who started a run', () => {
    expect(triggerLabel({ trigger: 'timer' })).toBe('定时');
    expect(triggerLabel({ trigger: 'console', requestedBy: 'ops-01' })).toBe('管理后台（ops-01）');
    expect(triggerLabel({ trigger: 'cloud_console' })).toBe('云开发控制台');
  });

  it('shows durations, figures and outcomes in words', () => {
    expect([formatDuration(850), formatDuration(12_345)]).toEqual(['850 ms', '12.3 s']);
    expect(detailsText({ refundsRequested: 2, refundsFailed: 0, scanned: 4 })).toBe('发起退款 2 · 退款失败 0');
    expect(detailsText({ somethingNew: 1 })).toBe('somethingNew 1');
    expect(detailsText(undefined)).toBe('');
    expect(outcomeLabel({ ok: true, dryRun: true })).toBe('成功（试运行）');
    expect(outcomeLabel({ ok: false, dryRun: false, errorCode: 'UNAVAILABLE' })).toBe('失败（UNAVAILABLE）');
  });

  it('reads the run limit: empty is the default, else 1–10000', () => {
    expect(parseLimit(' ')).toEqual({ ok: true });
    expect(parseLimit('100')).toEqual({ ok: true, limit: 100 });
    for (const bad of ['0', '10001', '1.5', 'abc', '-3']) expect(parseLimit(bad).ok, bad).toBe(false);
  });
});
