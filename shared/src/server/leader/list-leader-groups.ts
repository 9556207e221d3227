/**
 * listLeaderGroups (团长中心 → 团员管理): a page of the groups the caller opened as a registered 团长, newest first
 * (`listGroupsOpenedBy`), then every order of the page's groups in one query and the members' profiles in one more.
 * A member is shown by their nickname masked, never by openid, with whether they paid and have their goods
 * (`memberStanding`); a seat given back unpaid is not a member (`isMemberOrder`).
 */
import type { listLeaderGroupsContract } from '../../contracts/list-leader-groups.contract';
import { isMemberOrder, leaderGroupStatusLabel, memberStanding, shopperName } from '../../domain/leader-desk';
import { DomainError } from '../../kernel/errors';
import { listGroupsOpenedBy } from '../repositories/group-listing.repository';
import { getLeader } from '../repositories/leader.repository';
import { listOrdersOfGroups } from '../repositories/order.repository';
import { getProfiles } from '../repositories/profile.repository';
import type { UseCase } from '../runtime/define-function';

export const listLeaderGroups: UseCase<typeof listLeaderGroupsContract> = async (input, ctx) => {
  const leader = await getLeader(ctx.openid);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const found = await listGroupsOpenedBy(leader._id, { offset: input.offset, limit: input.limit + 1 });
  const groups = found.slice(0, input.limit);
  const orders = (await listOrdersOfGroups(groups.map((g) => g._id))).filter(isMemberOrder);
  const profiles = await getProfiles(orders.map((o) => o.openid));
  return {
    items: groups.map((group) => {
      const members = orders
        .filter((order) => order.groupId === group._id)
        .sort(
          (a, b) =>
            Number(b.openid === group.leaderOpenid) - Number(a.openid === group.leaderOpenid) ||
            a.createdAt - b.createdAt,
        )
        .map((order) => ({
          nickname: shopperName(profiles.get(order.openid)?.nickname),
          isOpener: order.openid === group.leaderOpenid,
          quantity: order.quantity,
          ...memberStanding(order),
        }));
      return {
        groupId: group._id,
        activityId: group.activityId,
        title: group.title,
        spec: group.spec,
        status: group.status,
        statusLabel: leaderGroupStatusLabel(group),
        size: group.size,
        openedAt: group.openedAt,
        deadlineAt: group.deadlineAt,
        members,
        paidCount: members.filter((m) => m.paid).length,
        collectedCount: members.filter((m) => m.collected).length,
      };
    }),
    hasMore: found.length > input.limit,
  };
};
