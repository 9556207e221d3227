/**
 * What 团员管理 shows (团长中心): one card per group the 团长 opened, newest first, with its status, how many paid and
 * have their goods, and its members (nickname masked, never an openid): paid or not, collected or not, their
 * order's status. A row opens the group's page.
 */
import { formatBusinessTime, type listLeaderGroupsContract, type ResponseOf } from '@shared/client';

export type LeaderGroup = ResponseOf<typeof listLeaderGroupsContract>['items'][number];

/** Groups a page: each comes with up to 50 members. */
export const LEADER_GROUPS_PAGE = 10;

export interface MemberRow {
  readonly key: string;
  readonly nickname: string;
  /** `团长` beside the 团长's own seat. */
  readonly tag: string;
  readonly paidText: string;
  readonly collectedText: string;
  readonly statusLabel: string;
  readonly paid: boolean;
  readonly collected: boolean;
}

export interface LeaderGroupCard {
  readonly groupId: string;
  readonly title: string;
  readonly statusLabel: string;
  /** `已付 2/3 · 已取 1`. */
  readonly summary: string;
  readonly openedText: string;
  readonly members: MemberRow[];
}

export function leaderGroupCard(group: LeaderGroup): LeaderGroupCard {
  return {
    groupId: group.groupId,
    title: `${group.title} ${group.spec}`,
    statusLabel: group.statusLabel,
    summary: `已付 ${group.paidCount}/${group.size} · 已取 ${group.collectedCount}`,
    openedText: `${formatBusinessTime(group.openedAt, 'MM-DD HH:mm')} 开团`,
    members: group.members.map((member, i) => ({
      key: `${group.groupId}-${i}`,
      nickname: member.nickname,
      tag: member.isOpener ? '团长' : '',
      paidText: member.paid ? '已付款' : '未付款',
      collectedText: member.collected ? '已取货' : '未取货',
      statusLabel: member.statusLabel,
      paid: member.paid,
      collected: member.collected,
    })),
  };
}
