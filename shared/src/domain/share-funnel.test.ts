import { describe, expect, it } from 'vitest';
import { HOUR_MS, parseBusinessTime } from '../kernel/time';
import {
  dashboardPeriodStarts,
  groupSuccessRate,
  periodsOf,
  shareDay,
  shareVisitKey,
  shareVisitRefusal,
} from './share-funnel';

const at = parseBusinessTime;

describe('the share funnel', () => {
  it('keys a visit by sharer, visitor, target, stage and Shanghai day', () => {
    const visit = { ref: 'abcd1234', visitorOpenid: 'o-v', target: { groupId: 'G1' }, stage: 'opened' } as const;
    const morning = shareVisitKey({ ...visit, at: at('2026-12-01 00:10') });
    expect(shareVisitKey({ ...visit, at: at('2026-12-01 23:50') })).toBe(morning);
    // 23:59 the day before is another Shanghai day (15:59 UTC, the same UTC day as 00:10 on the 1st is not).
    expect(shareVisitKey({ ...visit, at: at('2026-11-30 23:59') })).not.toBe(morning);
    expect(shareVisitKey({ ...visit, stage: 'viewed', at: at('2026-12-01 00:10') })).not.toBe(morning);
    expect(shareVisitKey({ ...visit, visitorOpenid: 'o-w', at: at('2026-12-01 00:10') })).not.toBe(morning);
    expect(shareVisitKey({ ...visit, target: { activityId: 'G1' }, at: at('2026-12-01 00:10') })).not.toBe(morning);
    expect(shareDay(at('2026-12-01 07:59'))).toBe('20261201');
  });

  it('records no visit of an unknown ref, nor of the sharer themselves', () => {
    expect(shareVisitRefusal(undefined, 'o-v')).toBe('unknown_sharer');
    expect(shareVisitRefusal('o-v', 'o-v')).toBe('own_share');
    expect(shareVisitRefusal('o-s', 'o-v')).toBeUndefined();
  });
});

describe('the dashboard periods', () => {
  it('start at Shanghai midnight today, 6 days before and 29 days before', () => {
    const starts = dashboardPeriodStarts(at('2026-12-10 00:30'));
    expect(starts).toEqual({
      today: at('2026-12-10 00:00'),
      days7: at('2026-12-04 00:00'),
      days30: at('2026-11-11 00:00'),
    });
    expect(dashboardPeriodStarts(at('2026-12-10 23:59')).today).toBe(starts.today);
    expect(dashboardPeriodStarts(at('2026-12-10 00:00') - 1).today).toBe(starts.today - 24 * HOUR_MS);
  });

  it('count a document in every period it falls in', () => {
    expect(periodsOf({ t: true, w: true })).toEqual(['today', 'days7', 'days30']);
    expect(periodsOf({ t: false, w: true })).toEqual(['days7', 'days30']);
    expect(periodsOf({ t: false, w: false })).toEqual(['days30']);
  });

  it('rate the groups that ended, not those still forming', () => {
    expect(groupSuccessRate(0, 0)).toBeNull();
    expect(groupSuccessRate(2, 1)).toBe(67);
    expect(groupSuccessRate(3, 0)).toBe(100);
  });
});
