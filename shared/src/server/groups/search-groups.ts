/** searchGroups (any staff; a merchant: its own groups only): one indexed query a page. */
import type { searchGroupsContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { searchGroups as findGroups } from '../repositories/group.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { groupSummary } from './group-views';

export const searchGroups: AdminUseCase<typeof searchGroupsContract> = async (input, ctx) => {
  const found = await findGroups(
    { ...merchantScope(ctx), groupId: input.groupId, activityId: input.activityId, status: input.status },
    { offset: input.offset, limit: input.limit + 1 },
  );
  return { items: found.slice(0, input.limit).map(groupSummary), hasMore: found.length > input.limit };
};
