/**
 * What the group page shows: the group as getGroup answers it, the status line and buttons for this
 * viewer, the share card, and where a shared card or a scanned poster points. Pure: the current time is
 * passed in.
 */
import { decodeShareScene, type Envelope, type getGroupContract, type ResponseOf } from '@shared/client';
import { savingText, seatsLeftText } from '../../../../utils/format';
import { groupPageUrl } from '../../../../utils/routes';

export type GroupData = ResponseOf<typeof getGroupContract>;

/** What a button does: 参团, share the card, make a poster, open the orders tab, or the activity page. */
export type GroupActionKind = 'join' | 'share' | 'poster' | 'orders' | 'activity';

export interface GroupAction {
  readonly kind: GroupActionKind;
  readonly text: string;
  readonly primary: boolean;
}

export interface GroupStatusView {
  /** The line under the price: how far the group is, or how it ended. */
  readonly headline: string;
  /** A second line, when the headline needs one (平台成团: who covered the missing seats). */
  readonly note?: string;
  /** Whether the countdown to the deadline is shown (a forming group before its deadline). */
  readonly counting: boolean;
  readonly actions: readonly GroupAction[];
}

export interface GroupPageView {
  readonly state: 'loading' | 'error' | 'empty' | 'ready';
  readonly message: string;
  readonly group?: GroupData;
  /** `3人团`. */
  readonly sizeText: string;
  /** `省¥10.00` against buying alone. */
  readonly savingText: string;
  readonly status?: GroupStatusView;
}

export const loadingView: GroupPageView = { state: 'loading', message: '', sizeText: '', savingText: '' };

export const MISSING_GROUP = '这个团找不到了，去首页看看别的团吧';

const action = (kind: GroupActionKind, text: string, primary = true): GroupAction => ({ kind, text, primary });

/** 平台成团: the platform completed the group with the members who paid (成团保障). */
export const PLATFORM_COMPLETED = '平台成团';
export const PLATFORM_COMPLETED_NOTE = '差的人数由平台补贴，照常发货';

/** The status line and buttons, by the group's status, who is looking and whether they may join. */
export function groupStatus(
  group: Pick<GroupData, 'status' | 'viewer' | 'joinable' | 'seatsLeft' | 'deadlineAt' | 'completedBy'>,
  now: number,
): GroupStatusView {
  const inGroup = group.viewer !== 'visitor';
  const forming = group.status === 'forming' && group.deadlineAt > now;
  const lookElsewhere = [action('activity', '看看其他团')];

  if (group.joinable) {
    return { headline: seatsLeftText(group.seatsLeft), counting: true, actions: [action('join', '立即参团')] };
  }
  if (forming) {
    if (!inGroup) return { headline: '该团已满员', counting: true, actions: lookElsewhere };
    if (group.seatsLeft === 0) {
      return { headline: seatsLeftText(0), counting: true, actions: [action('orders', '查看订单')] };
    }
    return {
      headline: seatsLeftText(group.seatsLeft),
      counting: true,
      actions: [action('share', '邀请好友参团'), action('poster', '生成海报', false)],
    };
  }
  switch (group.status) {
    case 'succeeded':
      if (group.completedBy === 'platform') {
        return inGroup
          ? {
              headline: PLATFORM_COMPLETED,
              note: PLATFORM_COMPLETED_NOTE,
              counting: false,
              actions: [action('orders', '查看订单')],
            }
          : { headline: `该团已拼成（${PLATFORM_COMPLETED}）`, counting: false, actions: lookElsewhere };
      }
      return inGroup
        ? { headline: '拼团成功', counting: false, actions: [action('orders', '查看订单')] }
        : { headline: '该团已拼成', counting: false, actions: lookElsewhere };
    case 'pending': // only its leader sees it: the leader's order is not paid yet
      return { headline: '团长付款后才开团哦', counting: false, actions: [action('orders', '去付款')] };
    case 'abandoned':
      return { headline: '没有付款，这个团已取消', counting: false, actions: [action('activity', '去开个新团')] };
    default: // failed, or forming past its deadline (about to fail)
      return inGroup
        ? { headline: '拼团未成功，已退款', counting: false, actions: [action('activity', '去开个新团')] }
        : { headline: '该团已结束', counting: false, actions: lookElsewhere };
  }
}

/** The page for a getGroup answer: the group, or an empty state when it is gone, or the error's message. */
export function groupPageView(answer: Envelope<GroupData>, now: number): GroupPageView {
  if (!answer.ok) {
    return answer.error.code === 'NOT_FOUND'
      ? { ...loadingView, state: 'empty', message: MISSING_GROUP }
      : { ...loadingView, state: 'error', message: answer.error.message };
  }
  const group = answer.data;
  return {
    state: 'ready',
    message: '',
    group,
    sizeText: `${group.size}人团`,
    savingText: savingText(group.groupPrice, group.soloPrice),
    status: groupStatus(group, now),
  };
}

/** Which group a visit is for: `?groupId=X&from=REF` from a shared card, or `?scene=` from a scanned poster. */
export function groupTarget(options: {
  readonly groupId?: string;
  readonly from?: string;
  readonly scene?: string;
}): { groupId: string; ref?: string } | null {
  if (options.scene) return decodeShareScene(options.scene);
  if (!options.groupId) return null;
  return options.from ? { groupId: options.groupId, ref: options.from } : { groupId: options.groupId };
}

/** The card a shopper shares into a chat: it opens this group and says who shared it. */
export function shareMessage(
  groupId: string,
  group: Pick<GroupData, 'shareTitle' | 'image'> | undefined,
  ref: string | undefined,
): { title: string; path: string; imageUrl?: string } {
  const path = groupPageUrl(groupId, ref);
  const title = group?.shareTitle ?? '山城拼团，一起拼更划算';
  return group?.image ? { title, path, imageUrl: group.image } : { title, path };
}
