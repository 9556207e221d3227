import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_SELLING_STATUS,
  activityEventSchema,
  activityMachine,
  type ActivityStatus,
  activityStatusSchema,
  isOnSale,
  saleRefusal,
} from './activity.machine';

const allowed: Record<string, ActivityStatus> = {
  'draft+published': 'active',
  'active+paused': 'paused',
  'active+ended': 'ended',
  'paused+resumed': 'active',
  'paused+ended': 'ended',
};

describe('activity machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of activityStatusSchema.options) {
      for (const event of activityEventSchema.options) {
        expect(activityMachine.next(state, event), `${state}+${event}`).toBe(allowed[`${state}+${event}`]);
      }
    }
    expect(ACTIVITY_SELLING_STATUS).toBe('active');
  });

  it('sells only while active, inside its window, and says why not', () => {
    const window = { startAt: 10, endAt: 20 };
    expect(saleRefusal({ status: 'active', ...window }, 15)).toBeUndefined();
    expect(isOnSale({ status: 'active', ...window }, 15)).toBe(true);
    expect(saleRefusal({ status: 'draft', ...window }, 15)).toBe('NOT_FOUND');
    expect(saleRefusal({ status: 'paused', ...window }, 15)).toBe('ACTIVITY_PAUSED');
    expect(saleRefusal({ status: 'ended', ...window }, 15)).toBe('ACTIVITY_ENDED');
    expect(saleRefusal({ status: 'active', ...window }, 20)).toBe('ACTIVITY_ENDED');
    expect(saleRefusal({ status: 'paused', ...window }, 25)).toBe('ACTIVITY_ENDED');
    expect(saleRefusal({ status: 'active', ...window }, 5)).toBe('ACTIVITY_NOT_STARTED');
  });
});
