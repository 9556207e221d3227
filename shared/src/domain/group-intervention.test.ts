import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../kernel/time';
import { groupStatusSchema } from './group.machine';
import {
  closeRefusal,
  completionRefusal,
  extensionRefusal,
  type InterventionView,
  interventionOptions,
  isOpenForIntervention,
  latestDeadline,
  MAX_EXTENSION_HOURS,
} from './group-intervention';

const now = 1_000 * HOUR_MS;
const group = (overrides: Partial<InterventionView> = {}): InterventionView => ({
  status: 'forming',
  deadlineAt: now + 2 * HOUR_MS,
  size: 5,
  seatsPaid: 3,
  ...overrides,
});
const activity = { endAt: now + 100 * HOUR_MS };

describe('which groups ops may act on', () => {
  it('acts only on a forming group before its deadline (closing: any forming group)', () => {
    for (const status of groupStatusSchema.options) {
      expect(isOpenForIntervention(group({ status }), now), status).toBe(status === 'forming');
      expect(closeRefusal(group({ status })), status).toBe(status === 'forming' ? undefined : 'GROUP_NOT_FORMING');
    }
    expect(isOpenForIntervention(group({ deadlineAt: now }), now)).toBe(false);
    expect(closeRefusal(group({ deadlineAt: now - 1 }))).toBeUndefined();
  });
});

describe('extending a deadline', () => {
  it('moves it later, by at most 24 hours, never past the activity’s end', () => {
    const g = group();
    expect(MAX_EXTENSION_HOURS).toBe(24);
    expect(latestDeadline(g, activity)).toBe(g.deadlineAt + 24 * HOUR_MS);
    expect(extensionRefusal(g, activity, g.deadlineAt + HOUR_MS, now)).toBeUndefined();
    expect(extensionRefusal(g, activity, g.deadlineAt + 24 * HOUR_MS, now)).toBeUndefined();
    expect(extensionRefusal(g, activity, g.deadlineAt + 24 * HOUR_MS + 1, now)).toBe('DEADLINE_NOT_EXTENDABLE');
    expect(extensionRefusal(g, activity, g.deadlineAt, now)).toBe('DEADLINE_NOT_EXTENDABLE');
    expect(extensionRefusal(g, activity, g.deadlineAt - 1, now)).toBe('DEADLINE_NOT_EXTENDABLE');
    const endingSoon = { endAt: g.deadlineAt + 3 * HOUR_MS };
    expect(latestDeadline(g, endingSoon)).toBe(endingSoon.endAt);
    expect(extensionRefusal(g, endingSoon, endingSoon.endAt, now)).toBeUndefined();
    expect(extensionRefusal(g, endingSoon, endingSoon.endAt + 1, now)).toBe('DEADLINE_NOT_EXTENDABLE');
  });

  it('refuses a group that ended or whose deadline passed, whatever the new deadline', () => {
    expect(extensionRefusal(group({ status: 'succeeded' }), activity, now + 3 * HOUR_MS, now)).toBe(
      'GROUP_NOT_FORMING',
    );
    expect(extensionRefusal(group({ deadlineAt: now }), activity, now + HOUR_MS, now)).toBe('GROUP_NOT_FORMING');
  });
});

describe('成团保障: the platform completes a group', () => {
  it('completes only where the activity allows it and enough seats are paid', () => {
    const guarantee = { minPaidShare: 0.6 };
    expect(completionRefusal(group({ seatsPaid: 3 }), guarantee, now)).toBeUndefined();
    expect(completionRefusal(group({ seatsPaid: 2 }), guarantee, now)).toBe('GUARANTEE_NOT_MET');
    expect(completionRefusal(group({ seatsPaid: 4 }), undefined, now)).toBe('GUARANTEE_NOT_MET');
    expect(completionRefusal(group({ status: 'failed' }), guarantee, now)).toBe('GROUP_NOT_FORMING');
    expect(completionRefusal(group({ deadlineAt: now - 1 }), guarantee, now)).toBe('GROUP_NOT_FORMING');
  });
});

describe('what the console offers', () => {
  it('says which interventions are possible and their limits', () => {
    expect(interventionOptions(group(), { ...activity, guarantee: { minPaidShare: 0.6 } }, now)).toEqual({
      extend: { allowed: true, latestDeadlineAt: now + 26 * HOUR_MS },
      close: { allowed: true },
      complete: { allowed: true, minPaidShare: 0.6, paidSeatsRequired: 3 },
    });
    expect(interventionOptions(group({ seatsPaid: 1 }), activity, now)).toEqual({
      extend: { allowed: true, latestDeadlineAt: now + 26 * HOUR_MS },
      close: { allowed: true },
      complete: { allowed: false },
    });
    // An activity that ends at the group's deadline leaves nothing to extend.
    const g = group();
    expect(interventionOptions(g, { endAt: g.deadlineAt }, now).extend).toEqual({
      allowed: false,
      latestDeadlineAt: g.deadlineAt,
    });
    expect(interventionOptions(group({ status: 'succeeded' }), activity, now)).toMatchObject({
      extend: { allowed: false },
      close: { allowed: false },
      complete: { allowed: false },
    });
  });
});
