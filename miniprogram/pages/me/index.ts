/**
 * 我的 tab: who the shopper is (login), the 设置头像昵称 editor saved through updateProfile, the order
 * shortcuts into the 订单 tab, 我的拼团, 我的售后, 收货地址 and 成为团长 (the 团长 application's page).
 */
import type { OrderTab } from '@shared/client';
import { callFunction, currentCloud } from '../../services/cloud';
import { openOrdersTab } from '../../services/navigation';
import { login, resetLogin } from '../../services/session';
import {
  isStoredAvatar,
  meLoaded,
  ORDER_SHORTCUTS,
  type Profile,
  profileDraft,
  profileOf,
  profileRequest,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    profile: null as Profile | null,
    shortcuts: ORDER_SHORTCUTS,
    editing: false,
    draftAvatar: '',
    draftNickname: '',
    saving: false,
  },
  openid: '',

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    const answer = await login();
    if (answer.ok) this.openid = answer.data.openid;
    this.setData(meLoaded(answer));
  },

  onOpenOrders(event: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: OrderTab }>) {
    openOrdersTab(event.currentTarget.dataset.tab);
  },

  onEditProfile() {
    if (this.data.profile) this.setData({ editing: true, ...profileDraft(this.data.profile) });
  },

  onEditorVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ editing: event.detail.visible });
  },

  onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
    this.setData({ draftAvatar: event.detail.avatarUrl });
  },

  async onSaveProfile(event: WechatMiniprogram.FormSubmit) {
    const request = profileRequest(String(event.detail.value['nickname'] ?? ''), this.data.draftAvatar);
    if ('error' in request) return toast(request.error);
    this.setData({ saving: true });
    let avatarUrl: string | undefined;
    try {
      avatarUrl = await this.uploadAvatar(this.data.draftAvatar);
    } catch {
      this.setData({ saving: false });
      return toast('头像上传失败，请重试');
    }
    const answer = await callFunction('updateProfile', avatarUrl ? { ...request, avatarUrl } : request);
    this.setData({ saving: false });
    if (!answer.ok) return toast(answer.error.message);
    resetLogin();
    this.setData({
      editing: false,
      profile: profileOf({ ...answer.data, newCustomer: !!this.data.profile?.newCustomer }),
    });
    toast('已保存');
  },

  /**
   * The chosen avatar (a temp file on the phone) uploaded to cloud storage: its file id, or undefined when
   * there is nothing to upload. Locally there is no storage, so a temp file is not kept.
   */
  async uploadAvatar(path: string): Promise<string | undefined> {
    if (!path || isStoredAvatar(path) || currentCloud().mode !== 'cloud') return undefined;
    const { fileID } = await wx.cloud.uploadFile({ cloudPath: `avatars/${this.openid}.png`, filePath: path });
    return fileID;
  },
});
