/**
 * A 团长's commission entry from the payment that earns it to the withdrawal that pays it. Three kinds:
 *
 * - `group_opener`: on each paid order of a group a registered leader opened (their own order included);
 * - `pickup_point`: on each paid order delivered to the point the leader keeps (collected there);
 * - `group_bonus`: once per successful group a registered leader opened, if the activity's rule has a bonus.
 *
 * An order's entry is `pending` while its group forms (a solo order's, or a bonus, starts `earned`), `earned` once
 * the group succeeded, `withdrawable` once the order is completed (received or collected, and its after-sales window
 * closed), and `paid_out` once the leader's paid withdrawals cover it (`commission.ts`: oldest first). A failed group
 * or a full refund before it is withdrawable makes it `reversed` (nothing earned); a partial refund before then
 * shrinks it to what the rule gives on what is left paid. From `withdrawable` on an entry's amount no longer
 * changes: a refund then records a clawback on it (`clawedBack`), which the balance deducts, so the leader's next
 * withdrawal is smaller (and none is possible while clawbacks exceed what they have).
 *
 * `earned` stands for 已确认: `confirmed` is a refund event the server already writes as a literal, and statuses
 * appear as literals only here.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const commissionKindSchema = z.enum(['group_opener', 'pickup_point', 'group_bonus']);
export type CommissionKind = z.infer<typeof commissionKindSchema>;

export const COMMISSION_KIND_LABELS: Record<CommissionKind, string> = {
  group_opener: '开团佣金',
  pickup_point: '自提点佣金',
  group_bonus: '成团奖励',
};

export const commissionStatusSchema = z.enum(['pending', 'earned', 'withdrawable', 'paid_out', 'reversed']);
export type CommissionStatus = z.infer<typeof commissionStatusSchema>;

export const commissionEventSchema = z.enum([
  /** The order's group succeeded (filled, or completed by the platform). */
  'group_succeeded',
  /** The order's group failed: its orders are refunded whole. */
  'group_failed',
  /** A refund was recorded that leaves part of the order paid: the entry shrinks to the rule on what is left. */
  'partially_refunded',
  /** A refund was recorded for the last of the order's money (or, for a bonus, for every order of the group). */
  'refunded_in_full',
  /** The order is completed: received or collected and its after-sales window closed (a bonus: its group's). */
  'window_closed',
  /** A refund recorded after the entry became withdrawable: its share is clawed back from the balance. */
  'clawed_back',
  /** The leader's paid withdrawals now cover this entry and every older one. */
  'covered_by_withdrawal',
]);
export type CommissionEvent = z.infer<typeof commissionEventSchema>;

export const commissionMachine = defineMachine<CommissionStatus, CommissionEvent>('commission', {
  pending: {
    group_succeeded: 'earned',
    group_failed: 'reversed',
    partially_refunded: 'pending',
    refunded_in_full: 'reversed',
  },
  earned: { partially_refunded: 'earned', refunded_in_full: 'reversed', window_closed: 'withdrawable' },
  withdrawable: { clawed_back: 'withdrawable', covered_by_withdrawal: 'paid_out' },
  paid_out: { clawed_back: 'paid_out' },
  reversed: {},
});

export const COMMISSION_STATUS_LABELS: Record<CommissionStatus, string> = {
  pending: '待成团',
  earned: '已确认',
  withdrawable: '可提现',
  paid_out: '已提现',
  reversed: '已冲销',
};

/** An order's entry waiting for its group. */
export const COMMISSION_WAITING_STATUS: CommissionStatus = 'pending';

/** An entry whose group succeeded (or that had none to wait for: a solo order's, a bonus). */
export const COMMISSION_EARNED_STATUS: CommissionStatus = commissionMachine.transition('group_succeeded').to;

/** Entries still waiting for their group: what a group's success or failure moves. */
export const COMMISSION_GROUP_WAITING_STATUSES: readonly CommissionStatus[] =
  commissionMachine.sourcesOf('group_succeeded');

/** Entries whose amount a refund still shrinks (before they are withdrawable). */
export const COMMISSION_ADJUSTABLE_STATUSES: readonly CommissionStatus[] =
  commissionMachine.sourcesOf('partially_refunded');

/**
 * Entries whose amount is fixed: a refund now records a clawback. They make the leader's balance (withdrawable, or
 * already covered by a paid withdrawal).
 */
export const COMMISSION_SETTLED_STATUSES: readonly CommissionStatus[] = commissionMachine.sourcesOf('clawed_back');

/** Entries whose order completing makes them withdrawable. */
export const COMMISSION_DUE_STATUSES: readonly CommissionStatus[] = commissionMachine.sourcesOf('window_closed');

/** Entries a paid withdrawal may cover. */
export const COMMISSION_WITHDRAWABLE_STATUSES: readonly CommissionStatus[] =
  commissionMachine.sourcesOf('covered_by_withdrawal');

/** What the leader's dashboard shows as 预估收入: earned or waiting, not yet withdrawable. */
export const COMMISSION_PROSPECTIVE_STATUSES: readonly CommissionStatus[] = COMMISSION_ADJUSTABLE_STATUSES;

/** Reversed entries: nothing earned. */
export const COMMISSION_REVERSED_STATUS: CommissionStatus = commissionMachine.transition('group_failed').to;

const KIND_PREFIX: Record<CommissionKind, string> = { group_opener: 'CO', pickup_point: 'CP', group_bonus: 'CB' };

/**
 * The entry's id: its kind and the order (or, for a bonus, the group) it is earned on. One entry per (order or
 * group, kind), whichever leader it names, so however often a callback or job repeats, and even if the point
 * changes keeper meanwhile, one kind is never earned twice on one order (a stronger rule than one per
 * (order, leader, kind)). The leader is a field of the entry, fixed when it is first written.
 */
export function commissionEntryId(kind: CommissionKind, sourceId: string): string {
  return `${KIND_PREFIX[kind]}${sourceId}`;
}
