/**
 * What 申请成为团长 shows and sends: name, mobile, community, and the point the applicant will run: an existing
 * one picked from listPickupPoints (nearest first when the shopper shares a location), or their own shop as a new
 * one (name, district, address, and where it is, chosen on WeChat's map). The request carries the form's own key,
 * so a second tap or a retry after a lost answer is the same application.
 */
import {
  type applyForLeaderContract,
  CN_MOBILE,
  type Coordinates,
  DISTRICTS,
  type District,
  type Envelope,
  isInChongqing,
  LEADER_POINT_CHOICE_LABELS,
  LEADER_TEXT_LIMITS,
  type PickupPointCard,
  type RequestOf,
} from '@shared/client';
import { distanceText } from '../../../../utils/format';

export type PointMode = 'existing' | 'new_shop';

/** A pickup point as the picker lists it. */
export interface PointOption {
  readonly pickupPointId: string;
  readonly label: string;
}

export interface LeaderForm {
  readonly name: string;
  readonly phone: string;
  readonly community: string;
  readonly mode: PointMode;
  /** Into the point options; -1 for none picked yet. */
  readonly pointIndex: number;
  readonly shopName: string;
  readonly shopAddress: string;
  /** Into DISTRICTS; -1 for none picked yet. */
  readonly districtIndex: number;
  /** Where the shop is, as WeChat's map gave it. */
  readonly shopLocation: Coordinates | null;
}

export const initialLeaderForm = (): LeaderForm => ({
  name: '',
  phone: '',
  community: '',
  mode: 'existing',
  pointIndex: -1,
  shopName: '',
  shopAddress: '',
  districtIndex: -1,
  shopLocation: null,
});

export const MODE_OPTIONS: readonly { readonly value: PointMode; readonly label: string }[] = (
  ['existing', 'new_shop'] as const
).map((value) => ({ value, label: LEADER_POINT_CHOICE_LABELS[value] }));

export const DISTRICT_OPTIONS: readonly District[] = DISTRICTS;

/** `解放碑便民驿站 · 渝中区 · 320m`: a point as the picker lists it. */
export function pointOptions(items: readonly PickupPointCard[]): PointOption[] {
  return items.map((item) => ({
    pickupPointId: item.pickupPointId,
    label: [item.name, item.district, item.distanceMeters !== undefined ? distanceText(item.distanceMeters) : '']
      .filter(Boolean)
      .join(' · '),
  }));
}

export type ApplyState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly points: PointOption[] };

/** The form for listPickupPoints' answer: the points to pick from (none: only a new shop can be offered). */
export function applyPointsLoaded(answer: Envelope<{ items: readonly PickupPointCard[] }>): ApplyState {
  return answer.ok
    ? { state: 'ready', message: '', points: pointOptions(answer.data.items) }
    : { state: 'error', message: answer.error.message };
}

export interface LeaderFormView {
  readonly showExisting: boolean;
  readonly showShop: boolean;
  readonly pointText: string;
  readonly districtText: string;
  readonly locationText: string;
  readonly noPoints: boolean;
}

export function leaderFormView(form: LeaderForm, points: readonly PointOption[]): LeaderFormView {
  return {
    showExisting: form.mode === 'existing',
    showShop: form.mode === 'new_shop',
    pointText: points[form.pointIndex]?.label ?? '请选择自提点',
    districtText: DISTRICT_OPTIONS[form.districtIndex] ?? '请选择区县',
    locationText: form.shopLocation ? '已在地图上选定' : '在地图上选择店铺位置',
    noPoints: points.length === 0,
  };
}

/**
 * What WeChat's map (`wx.chooseLocation`) gave, as a change to the form: the shop's place, its address when none
 * was typed yet, and its district when the address names one.
 */
export function chosenLocation(
  form: LeaderForm,
  chosen: { readonly latitude: number; readonly longitude: number; readonly address?: string; readonly name?: string },
): Partial<LeaderForm> {
  const address = form.shopAddress || [chosen.address, chosen.name].filter(Boolean).join(' ');
  const districtIndex = DISTRICT_OPTIONS.findIndex((district) => address.includes(district));
  return {
    shopLocation: { latitude: chosen.latitude, longitude: chosen.longitude },
    shopAddress: address.slice(0, LEADER_TEXT_LIMITS.shopAddress),
    ...(form.districtIndex < 0 && districtIndex >= 0 ? { districtIndex } : {}),
  };
}

const filled = (text: string, max: number, what: string): string | { error: string } => {
  const value = text.trim();
  if (!value) return { error: `请填写${what}` };
  if (value.length > max) return { error: `${what}最多${max}个字` };
  return value;
};

/** applyForLeader's request for the form, or what to fix first. */
export function leaderApplyRequest(
  form: LeaderForm,
  points: readonly PointOption[],
  requestKey: string,
): RequestOf<typeof applyForLeaderContract> | { error: string } {
  const name = filled(form.name, LEADER_TEXT_LIMITS.name, '姓名');
  if (typeof name !== 'string') return name;
  const phone = form.phone.replace(/\s+/g, '');
  if (!CN_MOBILE.test(phone)) return { error: '请填写 11 位手机号' };
  const community = filled(form.community, LEADER_TEXT_LIMITS.community, '所在社区');
  if (typeof community !== 'string') return community;
  const applicant = { name, phone, community, requestKey };
  if (form.mode === 'existing') {
    const point = points[form.pointIndex];
    if (!point) return { error: '请选择自提点' };
    return { ...applicant, point: { kind: 'existing', pickupPointId: point.pickupPointId } };
  }
  const shopName = filled(form.shopName, LEADER_TEXT_LIMITS.shopName, '店铺名称');
  if (typeof shopName !== 'string') return shopName;
  const district = DISTRICT_OPTIONS[form.districtIndex];
  if (!district) return { error: '请选择店铺所在区县' };
  const address = filled(form.shopAddress, LEADER_TEXT_LIMITS.shopAddress, '店铺地址');
  if (typeof address !== 'string') return address;
  if (!form.shopLocation) return { error: '请在地图上选择店铺位置' };
  const location = {
    type: 'Point' as const,
    coordinates: [form.shopLocation.longitude, form.shopLocation.latitude] as [number, number],
  };
  if (!isInChongqing(location)) return { error: '店铺位置须在重庆市内' };
  return { ...applicant, point: { kind: 'new_shop', shop: { name: shopName, address, district, location } } };
}

/** A form's own key (letters, digits and `-`, 8 to 64): the same for every tap on 提交 of this form. */
export function newRequestKey(now = Date.now(), random = Math.random): string {
  const salt = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `la-${now.toString(36)}-${salt}`;
}
