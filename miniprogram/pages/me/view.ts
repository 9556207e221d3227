/**
 * What the 我的 tab shows: the shopper's avatar and nickname (or 微信用户), the 新人 tag, the order
 * shortcuts, and the checks before a new nickname and avatar are saved.
 */
import {
  type Envelope,
  ORDER_TAB_LABELS,
  type OrderTab,
  type RequestOf,
  type updateProfileContract,
} from '@shared/client';
import type { Me } from '../../services/session';

export const DEFAULT_NICKNAME = '微信用户';

export interface Profile {
  readonly nickname: string;
  /** '' when the shopper has none: the template shows a placeholder avatar. */
  readonly avatarUrl: string;
  readonly newCustomer: boolean;
}

export type MeState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly profile: Profile };

/** The orders tabs 我的 links to, with their TDesign icons. */
const SHORTCUT_ICONS: Partial<Record<OrderTab, string>> = {
  pending_payment: 'wallet',
  awaiting_group: 'usergroup',
  to_ship: 'outbox',
  shipped: 'undertake-delivery',
  refund: 'rollback',
};

export const ORDER_SHORTCUTS = (Object.keys(SHORTCUT_ICONS) as OrderTab[]).map((tab) => ({
  tab,
  label: ORDER_TAB_LABELS[tab],
  icon: SHORTCUT_ICONS[tab],
}));

export function profileOf(me: Pick<Me, 'nickname' | 'avatarUrl' | 'newCustomer'>): Profile {
  return { nickname: me.nickname.trim() || DEFAULT_NICKNAME, avatarUrl: me.avatarUrl, newCustomer: me.newCustomer };
}

/** What the editor starts from: the current avatar, and the nickname unless it is the placeholder. */
export function profileDraft(profile: Profile): { draftAvatar: string; draftNickname: string } {
  return {
    draftAvatar: profile.avatarUrl,
    draftNickname: profile.nickname === DEFAULT_NICKNAME ? '' : profile.nickname,
  };
}

export function meLoaded(answer: Envelope<Me>): MeState {
  return answer.ok
    ? { state: 'ready', message: '', profile: profileOf(answer.data) }
    : { state: 'error', message: answer.error.message };
}

/** An avatar others can see: uploaded to cloud storage, or a web address. A device's temp file is not. */
export function isStoredAvatar(url: string): boolean {
  return /^(cloud|https):\/\//.test(url);
}

const NICKNAME_MAX = 32;

/** The updateProfile request for what the shopper entered, or what to fix first. */
export function profileRequest(
  nickname: string,
  avatarUrl: string,
): RequestOf<typeof updateProfileContract> | { error: string } {
  const name = nickname.trim();
  if (!name) return { error: '请填写昵称' };
  if (name.length > NICKNAME_MAX) return { error: `昵称最多${NICKNAME_MAX}个字` };
  return isStoredAvatar(avatarUrl) ? { nickname: name, avatarUrl } : { nickname: name };
}
