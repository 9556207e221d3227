/**
 * How the console shows groups and the people in them: a merchant sees nicknames masked and no openids or
 * transaction ids (a merchant needs to know how a group stands, not who its shoppers are); ops and customer
 * service see them in full, since they answer the shoppers.
 */
import type { GroupSummary } from '../../contracts/admin';
import { maskNickname } from '../../domain/display';
import type { Group } from '../../domain/group.schema';
import type { StaffPrincipal } from '../runtime/define-http-function';

export function groupSummary(group: Group): GroupSummary {
  return {
    groupId: group._id,
    activityId: group.activityId,
    merchantId: group.merchantId,
    title: group.title,
    status: group.status,
    size: group.size,
    seatsTaken: group.seatsTaken,
    seatsPaid: group.seatsPaid,
    district: group.district,
    openedAt: group.openedAt,
    deadlineAt: group.deadlineAt,
    ...(group.completedBy ? { completedBy: group.completedBy } : {}),
    ...(group.closedBy ? { closedBy: group.closedBy } : {}),
  };
}

/** Whether this member of staff sees shoppers masked. */
export const seesMasked = (staff: Pick<StaffPrincipal, 'role'>): boolean => staff.role === 'merchant';

/** A shopper as this member of staff may see them: nickname (masked or not) and, unmasked, their openid. */
export function shopperView(
  masked: boolean,
  openid: string,
  nickname: string | undefined,
): { nickname: string; openid?: string } {
  return masked ? { nickname: maskNickname(nickname ?? '') } : { nickname: nickname || maskNickname(''), openid };
}
