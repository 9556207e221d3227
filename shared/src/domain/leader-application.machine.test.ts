import { describe, expect, it } from 'vitest';
import {
  LEADER_APPLICATION_APPROVED_STATUS,
  LEADER_APPLICATION_OPEN_STATUSES,
  LEADER_APPLICATION_STATUS_LABELS,
  LEADER_APPLICATION_SUBMITTED_STATUS,
  leaderApplicationEventSchema,
  leaderApplicationMachine,
  type LeaderApplicationStatus,
  leaderApplicationStatusSchema,
} from './leader-application.machine';

const allowed: Record<string, LeaderApplicationStatus> = {
  'pending+approved_by_ops': 'approved',
  'pending+declined_by_ops': 'declined',
  'pending+retracted_by_applicant': 'retracted',
};

describe('leader application machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of leaderApplicationStatusSchema.options) {
      for (const event of leaderApplicationEventSchema.options) {
        const expected = allowed[`${state}+${event}`];
        expect(leaderApplicationMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined) {
          expect(() => leaderApplicationMachine.apply(state, event, 'LEADER_APPLICATION_NOT_ACTIONABLE')).toThrow(
            'LEADER_APPLICATION_NOT_ACTIONABLE',
          );
        }
      }
    }
  });

  it('ends in one answer, each final: a declined or retracted applicant applies anew', () => {
    expect(leaderApplicationStatusSchema.options.filter((s) => leaderApplicationMachine.isFinal(s))).toEqual([
      'approved',
      'declined',
      'retracted',
    ]);
  });

  it('names the statuses the repositories filter on and write', () => {
    expect(LEADER_APPLICATION_SUBMITTED_STATUS).toBe('pending');
    expect(LEADER_APPLICATION_OPEN_STATUSES).toEqual(['pending']);
    expect(LEADER_APPLICATION_APPROVED_STATUS).toBe('approved');
  });

  it('has a Chinese label for every status', () => {
    expect(Object.keys(LEADER_APPLICATION_STATUS_LABELS)).toEqual(leaderApplicationStatusSchema.options);
    expect(LEADER_APPLICATION_STATUS_LABELS).toEqual({
      pending: '待审核',
      approved: '已通过',
      declined: '未通过',
      retracted: '已撤回',
    });
  });
});
