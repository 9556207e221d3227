/** What 我的拼团 shows: one row per group the shopper opened or joined, newest first. */
import type { GroupStatus, listMyGroupsContract, ResponseOf } from '@shared/client';

export type MyGroup = ResponseOf<typeof listMyGroupsContract>['items'][number];

export interface GroupRow {
  readonly groupId: string;
  readonly title: string;
  readonly image: string;
  readonly groupPrice: number;
  readonly statusText: string;
  readonly roleText: string;
  /** Forming, its deadline not passed yet: the row shows a countdown to `deadlineAt`. */
  readonly ticking: boolean;
  readonly deadlineAt: number;
}

const STATUS_TEXT: Record<Exclude<GroupStatus, 'forming'>, string> = {
  pending: '待支付开团',
  succeeded: '拼团成功',
  failed: '拼团失败',
  abandoned: '未开团',
};

export function groupStatusText(group: Pick<MyGroup, 'status' | 'seatsLeft'>): string {
  if (group.status !== 'forming') return STATUS_TEXT[group.status];
  return group.seatsLeft > 0 ? `拼团中 还差${group.seatsLeft}人` : '拼团中 等待付款';
}

export function groupRow(group: MyGroup, now: number): GroupRow {
  return {
    groupId: group.groupId,
    title: group.title,
    image: group.image,
    groupPrice: group.groupPrice,
    statusText: groupStatusText(group),
    roleText: group.role === 'leader' ? '我开的团' : '我参与的',
    ticking: group.status === 'forming' && group.deadlineAt > now,
    deadlineAt: group.deadlineAt,
  };
}
