import { failure, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import type { Me } from '../../services/session';
import { isStoredAvatar, meLoaded, ORDER_SHORTCUTS, profileDraft, profileOf, profileRequest } from './view';

const me: Me = {
  openid: 'o-demo',
  ref: 'r1',
  nickname: '山城小妹',
  avatarUrl: 'cloud://env/avatars/o-demo.png',
  roles: ['shopper'],
  newCustomer: true,
};

describe('我的', () => {
  it('shows the avatar, the nickname and the 新人 tag', () => {
    expect(meLoaded(success(me))).toEqual({
      state: 'ready',
      message: '',
      profile: { nickname: '山城小妹', avatarUrl: 'cloud://env/avatars/o-demo.png', newCustomer: true },
    });
  });

  it('calls a shopper without a nickname 微信用户', () => {
    expect(profileOf({ nickname: '  ', avatarUrl: '', newCustomer: false })).toEqual({
      nickname: '微信用户',
      avatarUrl: '',
      newCustomer: false,
    });
  });

  it("shows the envelope's message when login fails", () => {
    expect(meLoaded(failure('UNAVAILABLE'))).toEqual({ state: 'error', message: '服务暂时不可用，请稍后再试' });
  });

  it('links to the orders tabs a shopper checks most', () => {
    expect(ORDER_SHORTCUTS.map((s) => [s.tab, s.label])).toEqual([
      ['pending_payment', '待付款'],
      ['awaiting_group', '待成团'],
      ['to_ship', '待发货'],
      ['shipped', '待收货'],
      ['refund', '退款'],
    ]);
  });
});

describe('设置头像昵称', () => {
  it('starts from the current avatar, and an empty nickname instead of the placeholder', () => {
    expect(profileDraft(profileOf(me))).toEqual({ draftAvatar: me.avatarUrl, draftNickname: '山城小妹' });
    expect(profileDraft(profileOf({ ...me, nickname: '' })).draftNickname).toBe('');
  });

  it('saves a trimmed nickname, and the avatar only when others can see it', () => {
    expect(profileRequest(' 老王 ', 'cloud://env/avatars/o.png')).toEqual({
      nickname: '老王',
      avatarUrl: 'cloud://env/avatars/o.png',
    });
    expect(profileRequest('老王', 'https://thirdwx.qlogo.cn/a.png')).toMatchObject({ avatarUrl: expect.any(String) });
    expect(profileRequest('老王', 'http://tmp/avatar.png')).toEqual({ nickname: '老王' });
    expect(profileRequest('老王', '')).toEqual({ nickname: '老王' });
  });

  it('asks for a nickname of at most 32 characters', () => {
    expect(profileRequest('  ', '')).toEqual({ error: '请填写昵称' });
    expect(profileRequest('辣'.repeat(33), '')).toEqual({ error: '昵称最多32个字' });
  });

  it('knows which avatars are stored', () => {
    expect(isStoredAvatar('cloud://x')).toBe(true);
    expect(isStoredAvatar('https://x')).toBe(true);
    expect(isStoredAvatar('wxfile://tmp_1.png')).toBe(false);
  });
});
