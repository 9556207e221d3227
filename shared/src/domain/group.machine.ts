/**
 * A group (团) from opening to its end. It is `pending` until the leader pays, then `forming` (visible
 * and joinable) until N seats are paid (`succeeded`) or its deadline passes (`failed`). A leader who never
 * pays abandons it. Ops may cancel a group that has not succeeded; its paid orders are then refunded.
 */
import { addHours, earliest } from '../kernel/time';
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const groupStatusSchema = z.enum(['pending', 'forming', 'succeeded', 'failed', 'abandoned']);
export type GroupStatus = z.infer<typeof groupStatusSchema>;

export const groupEventSchema = z.enum([
  'leader_paid',
  'filled',
  'deadline_passed',
  'leader_order_closed',
  'cancelled',
]);
export type GroupEvent = z.infer<typeof groupEventSchema>;

export const groupMachine = defineMachine<GroupStatus, GroupEvent>('group', {
  pending: { leader_paid: 'forming', leader_order_closed: 'abandoned', cancelled: 'abandoned' },
  forming: { filled: 'succeeded', deadline_passed: 'failed', cancelled: 'failed' },
  succeeded: {},
  failed: {},
  abandoned: {},
});

/** A group closes at min(openedAt + validity, activity end): it never outlives its activity. */
export function groupDeadline(openedAt: number, validityHours: number, activityEndAt: number): number {
  return earliest(addHours(openedAt, validityHours), activityEndAt);
}

/** Seats the group can still give out (reserved seats count until their order pays or closes). */
export function seatsLeft(group: { readonly size: number; readonly seatsTaken: number }): number {
  return Math.max(0, group.size - group.seatsTaken);
}
