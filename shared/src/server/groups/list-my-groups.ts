/**
 * listMyGroups: the groups the caller opened or holds a seat in, newest first, a page at a time; one
 * database round trip, then the images' temporary addresses (one storage request). Which groups count (pending ones only for their leader, abandoned ones never) is
 * decided in the query: see `listGroupsOf`.
 */
import type { listMyGroupsContract } from '../../contracts/list-my-groups.contract';
import { seatsLeft } from '../../domain/group.machine';
import { listGroupsOf } from '../repositories/group-listing.repository';
import { tempUrls } from '../cloudbase/storage';
import type { UseCase } from '../runtime/define-function';

export const listMyGroups: UseCase<typeof listMyGroupsContract> = async (input, ctx) => {
  const groups = await listGroupsOf(ctx.openid, { offset: input.offset, limit: input.limit + 1 });
  const shown = groups.slice(0, input.limit);
  const images = shown.map((group) => group.image ?? '');
  const imageUrl = await tempUrls(images, ctx.log);
  return {
    items: shown.map((group) => ({
      groupId: group._id,
      activityId: group.activityId,
      title: group.title,
      image: imageUrl(group.image ?? ''),
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
