/**
 * An activity's life: a `draft` is published (`active`: it sells inside its window), may be paused and
 * resumed, and ends. Groups already forming finish whatever happens to their activity; what stops is new
 * groups, new members and new payments for members.
 */
import type { ErrorCode } from '../kernel/errors';
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const activityStatusSchema = z.enum(['draft', 'active', 'paused', 'ended']);
export type ActivityStatus = z.infer<typeof activityStatusSchema>;

export const activityEventSchema = z.enum(['published', 'paused', 'resumed', 'ended']);
export type ActivityEvent = z.infer<typeof activityEventSchema>;

export const activityMachine = defineMachine<ActivityStatus, ActivityEvent>('activity', {
  draft: { published: 'active' },
  active: { paused: 'paused', ended: 'ended' },
  paused: { resumed: 'active', ended: 'ended' },
  ended: {},
});

/** The status an activity is created in: a draft, which shoppers never see. */
export const ACTIVITY_CREATED_STATUS: ActivityStatus = 'draft';

/** The status in which an activity sells (inside its window). */
export const ACTIVITY_SELLING_STATUS: ActivityStatus = activityMachine.transition('published').to;

/** Shoppers never see a draft. */
export const isActivityVisible = (status: ActivityStatus): boolean => status !== 'draft';

export interface ActivityWindow {
  readonly status: ActivityStatus;
  readonly startAt: number;
  readonly endAt: number;
}

/** Why an activity does not sell now (an error code the shopper reads), or undefined when it does. */
export const SALE_REFUSALS = [
  'NOT_FOUND',
  'ACTIVITY_NOT_STARTED',
  'ACTIVITY_PAUSED',
  'ACTIVITY_ENDED',
] as const satisfies readonly ErrorCode[];
export type SaleRefusal = (typeof SALE_REFUSALS)[number];

export function saleRefusal(activity: ActivityWindow, now: number): SaleRefusal | undefined {
  if (!isActivityVisible(activity.status)) return 'NOT_FOUND';
  if (activity.status === 'ended' || now >= activity.endAt) return 'ACTIVITY_ENDED';
  if (activity.status === 'paused') return 'ACTIVITY_PAUSED';
  if (now < activity.startAt) return 'ACTIVITY_NOT_STARTED';
  return undefined;
}

export const isOnSale = (activity: ActivityWindow, now: number): boolean => saleRefusal(activity, now) === undefined;
