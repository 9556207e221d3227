/**
 * A shopper's application to become a registered 团长, from submission to ops' answer. It is `pending` until ops
 * approve it (the applicant becomes a leader and runs one pickup point: the one they named, or their own shop as a
 * new one) or decline it with a reason; the applicant may retract it while it is pending. Every end is final: a
 * declined or retracted applicant applies again with a new application.
 *
 * The words are chosen so that no status reads like an event the server already writes as a literal
 * (`rejected`, `withdrawn`, `confirmed` are refund and after-sales events): `declined`, `retracted`.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const leaderApplicationStatusSchema = z.enum(['pending', 'approved', 'declined', 'retracted']);
export type LeaderApplicationStatus = z.infer<typeof leaderApplicationStatusSchema>;

export const leaderApplicationEventSchema = z.enum([
  /** Ops approved it: the applicant is a leader from now on. */
  'approved_by_ops',
  /** Ops declined it, with a reason the applicant reads. */
  'declined_by_ops',
  /** The applicant took it back before ops answered. */
  'retracted_by_applicant',
]);
export type LeaderApplicationEvent = z.infer<typeof leaderApplicationEventSchema>;

export const leaderApplicationMachine = defineMachine<LeaderApplicationStatus, LeaderApplicationEvent>(
  'leaderApplication',
  {
    pending: { approved_by_ops: 'approved', declined_by_ops: 'declined', retracted_by_applicant: 'retracted' },
    approved: {},
    declined: {},
    retracted: {},
  },
);

export const LEADER_APPLICATION_STATUS_LABELS: Record<LeaderApplicationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  declined: '未通过',
  retracted: '已撤回',
};

/** A new application starts here. */
export const LEADER_APPLICATION_SUBMITTED_STATUS: LeaderApplicationStatus = 'pending';

/** Applications still waiting for ops: an applicant has at most one. */
export const LEADER_APPLICATION_OPEN_STATUSES: readonly LeaderApplicationStatus[] =
  leaderApplicationMachine.sourcesOf('approved_by_ops');

/** The status an approval writes. */
export const LEADER_APPLICATION_APPROVED_STATUS: LeaderApplicationStatus =
  leaderApplicationMachine.transition('approved_by_ops').to;
