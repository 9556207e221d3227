/**
 * 运营干预: what ops may do to a forming group, and when. Extend its deadline (later than now, at most 24
 * hours more, never past its activity's end); close it now (its paid members are refunded); or, where its
 * activity guarantees it (成团保障) and enough of its seats are paid, complete it with the members it has.
 * Pure: the groups area applies each decision with one conditional update that checks it again (still
 * forming, the deadline not passed, the same seats paid), so a decision taken on a group that changed
 * meanwhile is never applied.
 */
import type { ErrorCode } from '../kernel/errors';
import { HOUR_MS } from '../kernel/time';
import { GROUP_OPEN_STATUSES, type GroupStatus } from './group.machine';
import { type Guarantee, minPaidSeats } from './guarantee';

/** One extension moves the deadline by at most this much. */
export const MAX_EXTENSION_HOURS = 24;

export interface InterventionView {
  readonly status: GroupStatus;
  readonly deadlineAt: number;
  readonly size: number;
  readonly seatsPaid: number;
}

/** Whether ops may still change the group's course: it is forming and its deadline has not passed. */
export function isOpenForIntervention(group: Pick<InterventionView, 'status' | 'deadlineAt'>, now: number): boolean {
  return GROUP_OPEN_STATUSES.includes(group.status) && group.deadlineAt > now;
}

/** The latest deadline an extension may set: 24 hours past the current one, and never past the activity's end. */
export function latestDeadline(group: Pick<InterventionView, 'deadlineAt'>, activity: { readonly endAt: number }) {
  return Math.min(group.deadlineAt + MAX_EXTENSION_HOURS * HOUR_MS, activity.endAt);
}

export type InterventionRefusal = Extract<
  ErrorCode,
  'GROUP_NOT_FORMING' | 'DEADLINE_NOT_EXTENDABLE' | 'GUARANTEE_NOT_MET'
>;

/** Why the group's deadline may not move to `deadlineAt` now, or undefined when it may. */
export function extensionRefusal(
  group: Pick<InterventionView, 'status' | 'deadlineAt'>,
  activity: { readonly endAt: number },
  deadlineAt: number,
  now: number,
): InterventionRefusal | undefined {
  if (!isOpenForIntervention(group, now)) return 'GROUP_NOT_FORMING';
  if (deadlineAt <= group.deadlineAt || deadlineAt > latestDeadline(group, activity)) return 'DEADLINE_NOT_EXTENDABLE';
  return undefined;
}

/** Why ops may not close the group now: only a forming group can be closed (past its deadline too: it fails either way). */
export function closeRefusal(group: Pick<InterventionView, 'status'>): InterventionRefusal | undefined {
  return GROUP_OPEN_STATUSES.includes(group.status) ? undefined : 'GROUP_NOT_FORMING';
}

/** Why the platform may not complete the group now, or undefined when it may. */
export function completionRefusal(
  group: InterventionView,
  guarantee: Guarantee | undefined,
  now: number,
): InterventionRefusal | undefined {
  if (!isOpenForIntervention(group, now)) return 'GROUP_NOT_FORMING';
  if (!guarantee || group.seatsPaid < minPaidSeats(guarantee, group.size)) {
    return 'GUARANTEE_NOT_MET';
  }
  return undefined;
}

/** What the console offers for a group: each intervention, whether it can be done now, and its limits. */
export interface InterventionOptions {
  readonly extend: { readonly allowed: boolean; readonly latestDeadlineAt: number };
  readonly close: { readonly allowed: boolean };
  readonly complete: {
    readonly allowed: boolean;
    /** The activity's guarantee share, when it has one. */
    readonly minPaidShare?: number;
    /** Paid seats the guarantee asks of this group, when the activity has one. */
    readonly paidSeatsRequired?: number;
  };
}

export function interventionOptions(
  group: InterventionView,
  activity: { readonly endAt: number; readonly guarantee?: Guarantee | undefined },
  now: number,
): InterventionOptions {
  const { guarantee } = activity;
  const latest = latestDeadline(group, activity);
  return {
    extend: { allowed: isOpenForIntervention(group, now) && latest > group.deadlineAt, latestDeadlineAt: latest },
    close: { allowed: closeRefusal(group) === undefined },
    complete: {
      allowed: completionRefusal(group, guarantee, now) === undefined,
      ...(guarantee
        ? {
            minPaidShare: guarantee.minPaidShare,
            paidSeatsRequired: minPaidSeats(guarantee, group.size),
          }
        : {}),
    },
  };
}
