/**
 * What the home page (首页) shows: four sections, each with its own loading / error / empty state.
 * 你的好友在拼 (the groups of whoever shared the card the shopper came through), 限时抢购 (ending soon,
 * with a live countdown), 附近的团 (by location, or by a picked district when location is refused) and
 * 热门拼团 (best sellers).
 */
import {
  DISTRICTS,
  type District,
  type Envelope,
  type listActivitiesContract,
  type listGroupsContract,
  type ResponseOf,
} from '@shared/client';
import type { PageState } from '../../components/page-state/view';
import { homeUrl } from '../../utils/routes';

type Activities = ResponseOf<typeof listActivitiesContract>;
type Groups = ResponseOf<typeof listGroupsContract>;
export type GroupCard = Groups['items'][number];

export interface Section<T> {
  readonly state: PageState;
  /** The envelope's message in the error state. */
  readonly message: string;
  readonly emptyText: string;
  readonly items: readonly T[];
}

/** An activity as a card of 限时抢购 or 热门拼团. */
export interface ActivityCard {
  readonly activityId: string;
  readonly title: string;
  readonly image: string;
  readonly groupPrice: number;
  readonly soloPrice: number;
  /** `3人团`. */
  readonly groupSizeText: string;
  /** `已拼128件`, or `新上架` before the first sale. */
  readonly soldText: string;
  readonly endAt: number;
}

/** 你的好友在拼: shown only when the shopper came through someone's share and that friend has groups. */
export interface FriendsSection extends Section<GroupCard> {
  readonly visible: boolean;
}

/** 附近的团: by the shopper's location, or by the district they picked when location is off. */
export interface NearbySection extends Section<GroupCard> {
  readonly by: 'near' | 'district';
  /** The picked district, '' before one is picked. */
  readonly district: District | '';
  /** The picker's selected row. */
  readonly districtIndex: number;
  readonly districtText: string;
}

export interface HomeData {
  readonly friends: FriendsSection;
  readonly flash: Section<ActivityCard>;
  readonly nearby: NearbySection;
  readonly hot: Section<ActivityCard>;
  /** The district picker's rows. */
  readonly districts: readonly District[];
}

const EMPTY_TEXT = {
  flash: '今天的限时抢购都抢完了，明天再来看看嘛',
  near: '附近暂时还没有人开团，去热门拼团看看',
  pickDistrict: '选个区县，看看大家都在拼啥子',
  hot: '好货正在上架，晚点再来看看',
};

function loading<T>(emptyText = ''): Section<T> {
  return { state: 'loading', message: '', emptyText, items: [] };
}

/** A section from a function's answer: its items, empty, or the error's Chinese message. */
function sectionOf<T>(answer: Envelope<{ items: readonly T[] }>, emptyText: string): Section<T> {
  if (!answer.ok) return { state: 'error', message: answer.error.message, emptyText, items: [] };
  const { items } = answer.data;
  return { state: items.length > 0 ? 'ready' : 'empty', message: '', emptyText, items };
}

/** The home page while everything loads; the friends section only when someone shared the way here. */
export function homeSections(sharer: string | undefined): HomeData {
  return {
    friends: { ...loading<GroupCard>(), visible: sharer !== undefined },
    flash: loading(EMPTY_TEXT.flash),
    nearby: nearbyByLocation(),
    hot: loading(EMPTY_TEXT.hot),
    districts: DISTRICTS,
  };
}

/** 你的好友在拼: hidden when the friend has no group to join. */
export function friendsSection(answer: Envelope<Groups>): FriendsSection {
  const section = sectionOf(answer, '');
  return { ...section, visible: section.state !== 'empty' };
}

function activityCard(item: Activities['items'][number]): ActivityCard {
  return {
    activityId: item.activityId,
    title: item.title,
    image: item.image,
    groupPrice: item.groupPrice,
    soloPrice: item.soloPrice,
    groupSizeText: `${item.groupSize}人团`,
    soldText: item.sold > 0 ? `已拼${item.sold}件` : '新上架',
    endAt: item.endAt,
  };
}

/** 限时抢购: the activities ending soonest, each counting down to its end; those already over are left out. */
export function flashSection(answer: Envelope<Activities>, now: number): Section<ActivityCard> {
  const section = sectionOf(answer, EMPTY_TEXT.flash);
  const items = section.items.filter((item) => item.endAt > now).map(activityCard);
  return section.state === 'ready' && items.length === 0
    ? { ...section, state: 'empty', items }
    : { ...section, items };
}

/** 热门拼团: the best sellers. */
export function hotSection(answer: Envelope<Activities>): Section<ActivityCard> {
  const section = sectionOf(answer, EMPTY_TEXT.hot);
  return { ...section, items: section.items.map(activityCard) };
}

/** 附近的团 by location: loading while locating and listing, then the groups nearest first. */
export function nearbyByLocation(answer?: Envelope<Groups>): NearbySection {
  const section = answer ? sectionOf(answer, EMPTY_TEXT.near) : loading<GroupCard>(EMPTY_TEXT.near);
  return { ...section, by: 'near', district: '', districtIndex: 0, districtText: '' };
}

/**
 * 附近的团 when location is refused or failed: a district picker (and the way to turn location on).
 * Nothing to list until a district is picked; then loading, then that district's groups.
 */
export function nearbyByDistrict(district: District | '', answer?: Envelope<Groups>): NearbySection {
  const emptyText = district ? `${district}暂时还没有人开团，自己开一个嘛` : EMPTY_TEXT.pickDistrict;
  const section: Section<GroupCard> = !district
    ? { state: 'empty', message: '', emptyText, items: [] }
    : answer
      ? sectionOf(answer, emptyText)
      : loading(emptyText);
  return {
    ...section,
    by: 'district',
    district,
    districtIndex: district ? DISTRICTS.indexOf(district) : 0,
    districtText: district || '选择区县',
  };
}

/** The home page as a chat card: it carries the sharer's ref, so friends who open it see their groups. */
export function homeShare(myRef: string): { title: string; path: string } {
  return {
    title: '山城拼团：重庆好货，约起拼更划算',
    path: homeUrl(myRef),
  };
}
