/**
 * What the activity page (拼团活动详情) shows: the product, group price against solo price, the group's
 * rules, the groups still forming (凑团), and whether 开团 / 单独购买 can be tapped now, or why not.
 */
import { type Envelope, formatBusinessTime, type getActivityContract, type ResponseOf } from '@shared/client';
import type { PageState } from '../../../../components/page-state/view';
import { priceText } from '../../../../utils/format';
import { activityUrl } from '../../../../utils/routes';

export type Activity = ResponseOf<typeof getActivityContract>;
export type OpenGroup = Activity['openGroups'][number];

/** 开团 and 单独购买: both disabled, with the reason shown above them, when the activity cannot be bought now. */
export interface BuyButtons {
  readonly disabled: boolean;
  /** `活动已结束`, `已售罄`…; '' when on sale. */
  readonly reason: string;
  /** `¥29.90 发起拼团` (the leader price when there is one: the opener pays it). */
  readonly openText: string;
  /** `¥39.90 单独购买`. */
  readonly soloText: string;
}

export interface ActivityView {
  readonly activityId: string;
  readonly images: readonly string[];
  readonly title: string;
  readonly subtitle: string;
  readonly origin: string;
  readonly spec: string;
  readonly groupPrice: number;
  readonly soloPrice: number;
  /** `3人团`. */
  readonly groupSizeText: string;
  /** `团长价¥25.00`, or ''. */
  readonly leaderPriceText: string;
  readonly newCustomerOnly: boolean;
  /** `剩余120件`, or `已售罄`. */
  readonly stockText: string;
  /** `每单限2件，每人限5件`. */
  readonly limitText: string;
  /** `限渝中区、江北区参团`, `限活动地点5公里内参团`, or '' when anyone may join. */
  readonly scopeText: string;
  /** `成团时限24小时`. */
  readonly validityText: string;
  /** `11月25日 10:00 至 11月30日 22:00`. */
  readonly windowText: string;
  /** What the countdown counts to: the start before it starts, the end while on; null once over. */
  readonly countdown: { readonly deadline: number; readonly prefix: string } | null;
  /** 凑团: the forming groups to join, as compact group cards. */
  readonly openGroups: {
    readonly state: PageState;
    readonly title: string;
    readonly emptyText: string;
    readonly items: readonly OpenGroup[];
  };
  readonly buttons: BuyButtons;
  /** 拼团规则, one line each. */
  readonly rules: readonly string[];
}

export interface ActivityPage {
  readonly state: PageState;
  readonly message: string;
  readonly activity: ActivityView | null;
}

export const loadingPage: ActivityPage = { state: 'loading', message: '', activity: null };

const dateTime = (at: number) => formatBusinessTime(at, 'M月D日 HH:mm');

/** The page for getActivity's answer: the activity, or the error's Chinese message. */
export function activityPage(answer: Envelope<Activity>, now: number): ActivityPage {
  if (!answer.ok) return { state: 'error', message: answer.error.message, activity: null };
  return { state: 'ready', message: '', activity: activityView(answer.data, now) };
}

/** `限渝中区、江北区参团`, `限活动地点5公里内参团`, 社区团's pickup, or '' for an activity open to everyone. */
export function scopeText(scope: Activity['scope']): string {
  if (!scope) return '';
  if (scope.kind === 'districts') return `限${scope.districts.join('、')}参团`;
  if (scope.kind === 'pickup_point') return '社区团：仅限到指定自提点自提';
  const radius = scope.radiusMeters;
  return `限活动地点${radius < 1000 ? `${radius}米` : `${Math.round(radius / 100) / 10}公里`}内参团`;
}

/** Why the activity cannot be bought now, or '' when it can. */
function closedReason(activity: Activity, now: number): string {
  if (activity.status === 'ended' || now >= activity.endAt) return '活动已结束';
  if (now < activity.startAt) return `活动未开始，${dateTime(activity.startAt)}开抢`;
  if (activity.stockLeft === 0) return '已售罄，下次早点来哦';
  if (!activity.onSale) return '活动暂停中，晚点再来看看';
  return '';
}

export function buyButtons(activity: Activity, now: number): BuyButtons {
  const reason = closedReason(activity, now);
  return {
    disabled: reason !== '',
    reason,
    openText: `${priceText(activity.leaderPrice ?? activity.groupPrice)} 发起拼团`,
    soloText: `${priceText(activity.soloPrice)} 单独购买`,
  };
}

function countdown(activity: Activity, now: number): ActivityView['countdown'] {
  if (now < activity.startAt) return { deadline: activity.startAt, prefix: '距开抢' };
  if (now < activity.endAt && activity.status !== 'ended') return { deadline: activity.endAt, prefix: '距结束' };
  return null;
}

/** 凑团: groups whose deadline has not passed, titled by how close the nearest one is to forming. */
function openGroups(groups: readonly OpenGroup[], now: number): ActivityView['openGroups'] {
  const items = groups.filter((group) => group.deadlineAt > now);
  const emptyText = '还没有人在凑团，开个团喊朋友一起拼嘛';
  if (items.length === 0) return { state: 'empty', title: '一起凑团', emptyText, items };
  const fewest = Math.min(...items.map((group) => group.seatsLeft));
  return { state: 'ready', title: `${items.length}个团正在凑，最快还差${fewest}人成团`, emptyText, items };
}

function rules(activity: Activity): string[] {
  const hours = activity.validityHours;
  return [
    `开团并支付后邀请好友参团，${activity.groupSize}人成团`,
    `开团后${hours}小时内未凑齐人数，拼团失败，已付款项自动原路退款`,
    '也可以直接参加别人正在凑的团，成团更快',
    `每单限${activity.perOrderLimit}件，每人限${activity.perUserLimit}件`,
    ...(activity.newCustomerOnly ? ['本活动仅限新用户（从未在山城拼团下过单）参加'] : []),
  ];
}

export function activityView(activity: Activity, now: number): ActivityView {
  return {
    activityId: activity.activityId,
    images: activity.product.images,
    title: activity.title,
    subtitle: activity.product.subtitle,
    origin: activity.product.origin,
    spec: activity.sku.spec,
    groupPrice: activity.groupPrice,
    soloPrice: activity.soloPrice,
    groupSizeText: `${activity.groupSize}人团`,
    leaderPriceText: activity.leaderPrice === undefined ? '' : `团长价${priceText(activity.leaderPrice)}`,
    newCustomerOnly: activity.newCustomerOnly,
    stockText: activity.stockLeft > 0 ? `剩余${activity.stockLeft}件` : '已售罄',
    limitText: `每单限${activity.perOrderLimit}件，每人限${activity.perUserLimit}件`,
    scopeText: scopeText(activity.scope),
    validityText: `成团时限${activity.validityHours}小时`,
    windowText: `${dateTime(activity.startAt)} 至 ${dateTime(activity.endAt)}`,
    countdown: countdown(activity, now),
    openGroups: openGroups(activity.openGroups, now),
    buttons: buyButtons(activity, now),
    rules: rules(activity),
  };
}

/** The activity as a chat card, carrying the sharer's ref for attribution. */
export function activityShare(
  activity: ActivityView,
  myRef: string,
): { title: string; path: string; imageUrl?: string } {
  return {
    title: `${priceText(activity.groupPrice)}拼${activity.title}，${activity.groupSizeText}`,
    path: activityUrl(activity.activityId, myRef),
    ...(activity.images[0] ? { imageUrl: activity.images[0] } : {}),
  };
}
