/**
 * A group (团) from opening to its end, and every rule about its seats. It is `pending` until the leader
 * pays, then `forming` (visible and joinable) until N seats are paid (`succeeded`) or its deadline passes
 * (`failed`). A leader who never pays abandons it. Ops may intervene in a forming group (运营干预): extend
 * its deadline, close it (`cancelled`: its paid orders are then refunded), or complete it with the members
 * it has where the activity guarantees it (`platform_completed`, 成团保障). The rules here are pure: the group
 * repository turns each decision into one conditional update, so the database applies it only to a group
 * still in the state it was decided for.
 */
import type { ErrorCode } from '../kernel/errors';
import { addHours, earliest } from '../kernel/time';
import * as z from '../kernel/zod';
import { defineMachine } from './machine';
import { type NotificationEvent, type OutboxEntry, outboxEntry } from './notification';

export const groupStatusSchema = z.enum(['pending', 'forming', 'succeeded', 'failed', 'abandoned']);
export type GroupStatus = z.infer<typeof groupStatusSchema>;

export const groupEventSchema = z.enum([
  'leader_paid',
  'filled',
  'deadline_passed',
  'leader_order_closed',
  'cancelled',
  'deadline_extended',
  'platform_completed',
]);
export type GroupEvent = z.infer<typeof groupEventSchema>;

export const groupMachine = defineMachine<GroupStatus, GroupEvent>('group', {
  pending: { leader_paid: 'forming', leader_order_closed: 'abandoned', cancelled: 'abandoned' },
  forming: {
    filled: 'succeeded',
    deadline_passed: 'failed',
    cancelled: 'failed',
    deadline_extended: 'forming',
    platform_completed: 'succeeded',
  },
  succeeded: {},
  failed: {},
  abandoned: {},
});

/** A new group waits for its leader's payment in this status, seen by nobody else. */
export const GROUP_OPENED_STATUS: GroupStatus = 'pending';

/** Statuses in which a group takes and pays seats: until it fills or its deadline passes. */
export const GROUP_OPEN_STATUSES: readonly GroupStatus[] = groupMachine.sourcesOf('filled');

/** Statuses in which an unpaid seat can still be given back (the group has not ended). */
export const GROUP_LIVE_STATUSES: readonly GroupStatus[] = groupMachine.sourcesOf('cancelled');

/** Statuses everyone may see: from the leader's payment on. Before it, and once abandoned, only its leader. */
export const GROUP_PUBLIC_STATUSES: readonly GroupStatus[] = groupMachine.reachableFrom('forming');

/** The messages each group transition causes, written in the same update as the transition. */
const TRANSITION_MESSAGES: Record<GroupEvent, readonly NotificationEvent[]> = {
  leader_paid: ['group_opened'],
  filled: ['group_succeeded'],
  deadline_passed: ['group_failed'],
  leader_order_closed: [],
  cancelled: ['group_closed'],
  deadline_extended: ['deadline_extended'],
  platform_completed: ['platform_completed'],
};

/** A transition applied to every group in `from` at once (a job's batch): its target and messages. */
export function groupTransition(event: GroupEvent, now: number) {
  const { from, to } = groupMachine.transition(event);
  return { from, to, outbox: TRANSITION_MESSAGES[event].map((message) => outboxEntry(message, now)) };
}

/**
 * An intervention on an open group (ops): the statuses it applies from, the one it leads to, and the
 * messages it writes. `about` makes the messages' ids unique when the same intervention may come twice
 * (a second extension is told again).
 */
export function openGroupTransition(event: GroupEvent, now: number, about?: string) {
  const from = GROUP_OPEN_STATUSES.filter((status) => groupMachine.next(status, event) !== undefined);
  const targets = new Set(from.map((status) => groupMachine.apply(status, event)));
  const [to] = [...targets];
  if (to === undefined || targets.size !== 1)
    throw new Error(`group: ${event} has no single target from an open group`);
  return { from, to, outbox: TRANSITION_MESSAGES[event].map((message) => outboxEntry(message, now, about)) };
}

/** A group closes at min(openedAt + validity, activity end): it never outlives its activity. */
export function groupDeadline(openedAt: number, validityHours: number, activityEndAt: number): number {
  return earliest(addHours(openedAt, validityHours), activityEndAt);
}

/** Seats the group can still give out (reserved seats count until their order pays or closes). */
export function seatsLeft(group: { readonly size: number; readonly seatsTaken: number }): number {
  return Math.max(0, group.size - group.seatsTaken);
}

export function isPublic(status: GroupStatus): boolean {
  return GROUP_PUBLIC_STATUSES.includes(status);
}

/** Why a shopper cannot take a seat: each is an error code the shopper reads. */
export const SEAT_REFUSALS = [
  'OWN_GROUP',
  'ALREADY_JOINED',
  'GROUP_NOT_JOINABLE',
  'GROUP_SUCCEEDED',
  'GROUP_EXPIRED',
  'GROUP_FULL',
] as const satisfies readonly ErrorCode[];
export type SeatRefusal = (typeof SEAT_REFUSALS)[number];

export interface SeatView {
  readonly status: GroupStatus;
  readonly deadlineAt: number;
  readonly seatsTaken: number;
  readonly size: number;
  readonly memberOpenids: readonly string[];
  readonly leaderOpenid: string;
}

const REFUSAL_BY_STATUS: Record<GroupStatus, SeatRefusal | undefined> = {
  pending: 'GROUP_NOT_JOINABLE',
  forming: undefined,
  succeeded: 'GROUP_SUCCEEDED',
  failed: 'GROUP_EXPIRED',
  abandoned: 'GROUP_NOT_JOINABLE',
};

/** Why `openid` may not take a seat in the group now, or undefined when they may. */
export function seatRefusal(group: SeatView, openid: string, now: number): SeatRefusal | undefined {
  if (group.leaderOpenid === openid) return 'OWN_GROUP';
  if (group.memberOpenids.includes(openid)) return 'ALREADY_JOINED';
  const byStatus = REFUSAL_BY_STATUS[group.status];
  if (byStatus) return byStatus;
  if (group.deadlineAt <= now) return 'GROUP_EXPIRED';
  if (seatsLeft(group) === 0) return 'GROUP_FULL';
  return undefined;
}

/** Whether `openid` could take a seat now: what the group page's join button and discovery use. */
export const isJoinable = (group: SeatView, openid: string, now: number): boolean =>
  seatRefusal(group, openid, now) === undefined;

/**
 * Why a seat the database refused was refused, read off the group as it is now. When nothing else
 * explains it, the last seat went to someone else between the read and the update: the group was full.
 */
export function refusedSeat(group: SeatView, openid: string, now: number): SeatRefusal {
  return seatRefusal(group, openid, now) ?? 'GROUP_FULL';
}

export type SeatPayer = 'leader' | 'member';

/** What paying one seat does: the group's status after it, the transition (if any) and the messages. */
export interface SeatPayment {
  readonly to: GroupStatus;
  readonly event?: GroupEvent;
  readonly messages: readonly NotificationEvent[];
}

/**
 * Paying one seat of a group in `status` with `seatsToPay` seats still unpaid; undefined when the group
 * cannot take it. The leader's payment opens the group; a member's counts towards success, and the last
 * seat's payment succeeds it. Whoever leaves exactly one seat to pay tells the members so.
 */
export function paySeat(
  state: { readonly status: GroupStatus; readonly seatsToPay: number },
  payer: SeatPayer,
): SeatPayment | undefined {
  const after = state.seatsToPay - 1;
  const oneLeft: NotificationEvent[] = after === 1 ? ['one_seat_left'] : [];
  if (payer === 'leader') {
    const to = groupMachine.next(state.status, 'leader_paid');
    if (to === undefined || after < 1) return undefined;
    return { to, event: 'leader_paid', messages: [...TRANSITION_MESSAGES.leader_paid, ...oneLeft] };
  }
  if (!GROUP_OPEN_STATUSES.includes(state.status) || after < 0) return undefined;
  if (after === 0) {
    return {
      to: groupMachine.apply(state.status, 'filled'),
      event: 'filled',
      messages: ['member_joined', ...TRANSITION_MESSAGES.filled],
    };
  }
  return { to: state.status, messages: ['member_joined', ...oneLeft] };
}

/** The seats still unpaid before a payment: exactly `n`, or more than `n`. */
export type SeatsToPayCondition = { readonly eq: number } | { readonly gt: number };

export interface SeatPaymentCase {
  readonly from: GroupStatus;
  readonly seatsToPay: SeatsToPayCondition;
  readonly payment: SeatPayment;
}

/**
 * Every distinct outcome of a seat payment, as the conditions a conditional update checks, the most
 * common first. `paySeat` decides each; the repository tries them in turn and the first that applies
 * wins. (More than two seats left, exactly two, exactly one: no other count changes what happens.)
 */
export function seatPaymentCases(payer: SeatPayer): SeatPaymentCase[] {
  const from = payer === 'leader' ? groupMachine.sourcesOf('leader_paid') : GROUP_OPEN_STATUSES;
  const conditions: [SeatsToPayCondition, number][] = [
    [{ gt: 2 }, 3],
    [{ eq: 2 }, 2],
    [{ eq: 1 }, 1],
  ];
  return from.flatMap((status) =>
    conditions.flatMap(([seatsToPay, example]) => {
      const payment = paySeat({ status, seatsToPay: example }, payer);
      return payment ? [{ from: status, seatsToPay, payment }] : [];
    }),
  );
}

/** The outbox entries a seat payment writes: `member_joined` names the payer, so each is told once. */
export function seatPaymentOutbox(payment: SeatPayment, payerOpenid: string, now: number): OutboxEntry[] {
  return payment.messages.map((message) =>
    outboxEntry(message, now, message === 'member_joined' ? payerOpenid : undefined),
  );
}
