/**
 * listMyGroups: the groups the caller opened or holds a seat in, newest first, a page at a time; one
 * database round trip. Which groups count (pending ones only for their leader, abandoned ones never) is
 * decided in the query: see `listGroupsOf`.
 */
import type { listMyGroupsContract } from '../../contracts/list-my-groups.contract';
import { seatsLeft } from '../../domain/group.machine';
import { listGroupsOf } from '../repositories/group-listing.repository';
import type { UseCase } from '../runtime/define-function';

export const listMyGroups: UseCase<typeof listMyGroupsContract> = async (input, ctx) => {
  const groups = await listGroupsOf(ctx.openid, { offset: input.offset, limit: input.limit + 1 });
  return {
    items: groups.slice(0, input.limit).map((group) => ({
      groupId: group._id,
      activityId: group.activityId,
      title: group.title,
      image: group.image ?? '',
      groupPrice: group.groupPrice,
      status: group.status,
      role: group.leaderOpenid === ctx.openid ? ('leader' as const) : ('member' as const),
      size: group.size,
      seatsPaid: group.seatsPaid,
      seatsLeft: seatsLeft(group),
      deadlineAt: group.deadlineAt,
      openedAt: group.openedAt,
    })),
    hasMore: groups.length > input.limit,
  };
};
