/**
 * listGroups: forming groups to join, as cards: near the shopper (the nearest places first: a 社区团 is at its
 * pickup point, whose name the card shows, any other group where its leader collects), in a district
 * (soonest deadline first), or opened by whoever shared a card (by their ref). Only groups the caller
 * could join now: forming, before the deadline, with a free seat, and not one they already hold a seat
 * in (as getGroup's `joinable`). Leaders are shown masked. Two database round trips: the groups, then
 * their leaders' profiles (alongside one storage request for the cards' images); for `leader`, the leader
 * (found by ref, with their profile), then their groups.
 */
import type { GroupCard, listGroupsContract } from '../../contracts/list-groups.contract';
import { type GeoPoint, geoPoint } from '../../domain/common.schema';
import { maskNickname } from '../../domain/display';
import { isJoinable, seatsLeft } from '../../domain/group.machine';
import { distanceMeters } from '../../domain/scope';
import {
  type GroupListing,
  listFormingGroupsIn,
  listFormingGroupsLedBy,
  listFormingGroupsNear,
} from '../repositories/group-listing.repository';
import { tempUrls } from '../cloudbase/storage';
import { getProfiles, type Profile } from '../repositories/profile.repository';
import { findUserByRef } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

/**
 * Groups read per card wanted: a forming group whose seats are all held (payments pending) or that the
 * caller is in is dropped after reading, since a plain query cannot compare `seatsTaken` with `size`.
 */
export const OVERFETCH = 3;

export const listGroups: UseCase<typeof listGroupsContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const wanted = input.limit * OVERFETCH;
  let groups: GroupListing[];
  let leaders: Map<string, Profile> | undefined;
  let here: GeoPoint | undefined;
  if (input.by === 'leader') {
    const leader = await findUserByRef(input.ref);
    if (!leader) return { items: [] };
    groups = await listFormingGroupsLedBy(leader.openid, now, wanted);
    leaders = new Map([[leader.openid, leader]]);
  } else if (input.by === 'near') {
    here = geoPoint(input.location.longitude, input.location.latitude);
    groups = await listFormingGroupsNear(here, input.radiusMeters, now, wanted);
  } else {
    groups = await listFormingGroupsIn(input.district, now, wanted);
  }

  const shown = groups.filter((g) => isJoinable(g, ctx.openid, now)).slice(0, input.limit);
  const images = shown.map((g) => g.image ?? '');
  const [profiles, imageUrl] = await Promise.all([
    leaders ?? getProfiles(shown.map((g) => g.leaderOpenid)),
    tempUrls(images, ctx.log),
  ]);
  const items = shown.map((g): GroupCard => {
    const leader = profiles.get(g.leaderOpenid);
    return {
      groupId: g._id,
      activityId: g.activityId,
      title: g.title,
      spec: g.spec,
      image: imageUrl(g.image ?? ''),
      groupPrice: g.groupPrice,
      soloPrice: g.soloPrice,
      size: g.size,
      seatsLeft: seatsLeft(g),
      deadlineAt: g.deadlineAt,
      leader: { nickname: maskNickname(leader?.nickname ?? ''), avatarUrl: leader?.avatarUrl ?? '' },
      district: g.district,
      ...(g.pickupPoint ? { pickupPoint: g.pickupPoint } : {}),
      ...(here && g.location ? { distanceMeters: Math.round(distanceMeters(here, g.location)) } : {}),
    };
  });
  return { items: here ? nearestFirst(items) : items };
};

/**
 * Nearest first, as the database's geo query answered (kept stable for equal distances): sorted again here so the
 * order rests on the distances the cards show, not on the query's.
 */
const nearestFirst = (cards: GroupCard[]): GroupCard[] =>
  [...cards].sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity));
