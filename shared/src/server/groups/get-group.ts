/**
 * getGroup: a group's public page, what a shared card opens. Two database round trips: the group, then
 * the profiles of the people shown (the leader, then members who paid), alongside the image's temporary
 * address. Everything else the page shows was copied onto the group when it opened (title, spec, image,
 * prices). A group nobody may join yet
 * (pending: its leader has not paid) or that never opened (abandoned) is shown to its leader only.
 */
import type { getGroupContract } from '../../contracts/get-group.contract';
import { maskNickname, shareTitle } from '../../domain/display';
import { isJoinable, isPublic, seatsLeft } from '../../domain/group.machine';
import type { Group } from '../../domain/group.schema';
import { DomainError } from '../../kernel/errors';
import { tempUrls } from '../cloudbase/storage';
import { getGroup as findGroup } from '../repositories/group.repository';
import { getProfiles } from '../repositories/profile.repository';
import type { UseCase } from '../runtime/define-function';

/**
 * Who may see a group at all: anyone once it opened; a pending one (its leader has not paid) or an
 * abandoned one only its leader. Anyone else is told it does not exist, exactly as for an unknown id.
 */
export function assertVisible(group: Pick<Group, '_id' | 'status' | 'leaderOpenid'>, openid: string): void {
  if (!isPublic(group.status) && group.leaderOpenid !== openid) {
    throw new DomainError('NOT_FOUND', `group ${group._id} is ${group.status}`);
  }
}

export const getGroup: UseCase<typeof getGroupContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const group = await findGroup(input.groupId);
  if (!group) throw new DomainError('NOT_FOUND', `group ${input.groupId}`);
  assertVisible(group, ctx.openid);
  const isLeader = group.leaderOpenid === ctx.openid;

  const shown = [group.leaderOpenid, ...group.paidOpenids.filter((openid) => openid !== group.leaderOpenid)];
  const [profiles, imageUrl] = await Promise.all([getProfiles(shown), tempUrls([group.image ?? ''], ctx.log)]);
  const members = shown.map((openid) => {
    const profile = profiles.get(openid);
    return {
      nickname: maskNickname(profile?.nickname ?? ''),
      avatarUrl: profile?.avatarUrl ?? '',
      isLeader: openid === group.leaderOpenid,
    };
  });

  const left = seatsLeft(group);
  const isMember = group.memberOpenids.includes(ctx.openid);
  return {
    groupId: group._id,
    activityId: group.activityId,
    status: group.status,
    title: group.title,
    spec: group.spec,
    image: imageUrl(group.image ?? ''),
    groupPrice: group.groupPrice,
    soloPrice: group.soloPrice,
    size: group.size,
    seatsPaid: group.seatsPaid,
    seatsLeft: left,
    members,
    deadlineAt: group.deadlineAt,
    shareTitle: shareTitle(group, now),
    joinable: isJoinable(group, ctx.openid, now),
    viewer: isLeader ? 'leader' : isMember ? 'member' : 'visitor',
    ...(group.pickupPoint ? { pickupPoint: group.pickupPoint } : {}),
    ...(group.completedBy ? { completedBy: group.completedBy } : {}),
  };
};
