/**
 * A 团长's results as ops read them: the groups they opened (those that went public: their opening payment made),
 * how many succeeded and how many still form, from counts the database gives per status; their commission per
 * status with every status shown. Pure: the repositories sum, this decides what each sum counts as.
 */
import { type CommissionStatus, commissionStatusSchema, COMMISSION_STATUS_LABELS } from './commission.machine';
import { GROUP_OPEN_STATUSES, GROUP_PUBLIC_STATUSES, groupMachine, type GroupStatus } from './group.machine';

/** What a group that succeeded ends in, however it succeeded (filled, or completed by the platform). */
const SUCCEEDED: GroupStatus = groupMachine.transition('filled').to;

export interface GroupTally {
  readonly opened: number;
  readonly succeeded: number;
  readonly forming: number;
}

export function tallyLeaderGroups(counts: readonly { status: GroupStatus; count: number }[]): GroupTally {
  const sum = (statuses: readonly GroupStatus[]) =>
    counts.filter((c) => statuses.includes(c.status)).reduce((total, c) => total + c.count, 0);
  return { opened: sum(GROUP_PUBLIC_STATUSES), succeeded: sum([SUCCEEDED]), forming: sum(GROUP_OPEN_STATUSES) };
}

/** Every commission status in the machine's order, with its label and its sums (zero where there are none). */
export function commissionByStatus<T extends number>(
  sums: readonly { status: CommissionStatus; amount: T; clawedBack: T }[],
  zero: T,
): { status: CommissionStatus; statusLabel: string; amount: T; clawedBack: T }[] {
  return commissionStatusSchema.options.map((status) => {
    const row = sums.find((s) => s.status === status);
    return {
      status,
      statusLabel: COMMISSION_STATUS_LABELS[status],
      amount: row?.amount ?? zero,
      clawedBack: row?.clawedBack ?? zero,
    };
  });
}
