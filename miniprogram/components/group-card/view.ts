/**
 * What a group card shows. With a title it is the home page's full card (image, title, spec, price against
 * the solo price, where the group is: a 社区团's pickup point, else where the leader collects); without one it is
 * the activity page's compact 凑团 row.
 */
import { distanceText, seatsLeftText } from '../../utils/format';
import { initialOf } from '../avatars-row/view';

export interface GroupCardInput {
  readonly groupId: string;
  readonly leader: { readonly nickname: string; readonly avatarUrl: string };
  readonly seatsLeft: number;
  readonly deadlineAt: number;
  readonly title?: string;
  readonly image?: string;
  readonly spec?: string;
  readonly groupPrice?: number;
  readonly soloPrice?: number;
  readonly distanceMeters?: number;
  readonly district?: string;
  /** 社区团: the pickup point every member collects at. */
  readonly pickupPoint?: { readonly name: string };
}

export interface GroupCardView {
  readonly groupId: string;
  readonly full: boolean;
  readonly title: string;
  readonly image: string;
  readonly spec: string;
  readonly groupPrice: number;
  readonly soloPrice: number;
  readonly deadlineAt: number;
  readonly leaderName: string;
  readonly leaderAvatar: string;
  readonly leaderInitial: string;
  /** `还差2人成团`. */
  readonly seatsText: string;
  /** Where the group is: a 社区团's point (`民族路便利店 · 1.2km`), else the leader's district (`渝中区 · 1.2km`). */
  readonly placeText: string;
  /** 社区团: every member collects at the point the card names. */
  readonly community: boolean;
}

export function groupCardView(group: GroupCardInput): GroupCardView {
  const distance = group.distanceMeters === undefined ? '' : distanceText(group.distanceMeters);
  return {
    groupId: group.groupId,
    full: Boolean(group.title),
    title: group.title ?? '',
    image: group.image ?? '',
    spec: group.spec ?? '',
    groupPrice: group.groupPrice ?? 0,
    soloPrice: group.soloPrice ?? 0,
    deadlineAt: group.deadlineAt,
    leaderName: group.leader.nickname,
    leaderAvatar: group.leader.avatarUrl,
    leaderInitial: initialOf(group.leader.nickname),
    seatsText: seatsLeftText(group.seatsLeft),
    placeText: [group.pickupPoint?.name ?? group.district, distance].filter(Boolean).join(' · '),
    community: group.pickupPoint !== undefined,
  };
}
