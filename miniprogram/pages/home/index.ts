/**
 * 首页: loads its four sections side by side (each shows its own loading / error / empty state) and
 * sends the shopper to an activity or a group. Pull down to reload everything.
 */
import { DISTRICTS, type District } from '@shared/client';
import { callFunction } from '../../services/cloud';
import { activityUrl, groupPageUrl } from '../../utils/routes';
import { allowLocationInSettings, locate } from '../../services/location';
import { login, rememberSharer, sharer } from '../../services/session';
import {
  flashSection,
  friendsSection,
  homeSections,
  homeShare,
  hotSection,
  nearbyByDistrict,
  nearbyByLocation,
} from './view';

type Section = 'friends' | 'flash' | 'nearby' | 'hot';

/** An event from an element carrying `data-*` attributes. */
type WithDataset<T> = { currentTarget: { dataset: T } };

Page({
  data: { ...homeSections(undefined), myRef: '' },

  onLoad(query: Record<string, string | undefined>) {
    rememberSharer(query.from);
    void login().then((me) => {
      if (me.ok) this.setData({ myRef: me.data.ref });
    });
    void this.loadAll();
  },

  async onPullDownRefresh() {
    await this.loadAll();
    wx.stopPullDownRefresh();
  },

  onShareAppMessage() {
    return homeShare(this.data.myRef);
  },

  loadAll() {
    const { district } = this.data.nearby;
    this.setData(homeSections(sharer()));
    return Promise.all([this.loadFriends(), this.loadFlash(), this.loadNearby(district), this.loadHot()]);
  },

  async loadFriends() {
    const ref = sharer();
    if (!ref) return;
    this.setData({ friends: friendsSection(await callFunction('listGroups', { by: 'leader', ref })) });
  },

  async loadFlash() {
    const answer = await callFunction('listActivities', { sort: 'ending_soon', limit: 10 });
    this.setData({ flash: flashSection(answer, Date.now()) });
  },

  async loadHot() {
    this.setData({ hot: hotSection(await callFunction('listActivities', { sort: 'hot' })) });
  },

  /** By location when the shopper allows it; otherwise by the district they picked before (if any). */
  async loadNearby(district: District | '') {
    this.setData({ nearby: nearbyByLocation() });
    const location = await locate();
    if (location.kind !== 'granted') return this.loadDistrict(district);
    const answer = await callFunction('listGroups', { by: 'near', location: location.location });
    this.setData({ nearby: nearbyByLocation(answer) });
  },

  async loadDistrict(district: District | '') {
    this.setData({ nearby: nearbyByDistrict(district) });
    if (!district) return;
    const answer = await callFunction('listGroups', { by: 'district', district });
    this.setData({ nearby: nearbyByDistrict(district, answer) });
  },

  /** A section's 重试: that section alone loads again. */
  onRetry(event: WithDataset<{ section: Section }>) {
    const { section } = event.currentTarget.dataset;
    const { by, district } = this.data.nearby;
    const reload = {
      friends: () => this.loadFriends(),
      flash: () => this.loadFlash(),
      nearby: () => (by === 'near' ? this.loadNearby(district) : this.loadDistrict(district)),
      hot: () => this.loadHot(),
    };
    this.setData({ [`${section}.state`]: 'loading' });
    void reload[section]();
  },

  onPickDistrict(event: WechatMiniprogram.PickerChange) {
    const district = DISTRICTS[Number(event.detail.value)];
    if (district) void this.loadDistrict(district);
  },

  async onAllowLocation() {
    if (await allowLocationInSettings()) void this.loadNearby(this.data.nearby.district);
  },

  onOpenActivity(event: WithDataset<{ activityId: string }>) {
    void wx.navigateTo({ url: activityUrl(event.currentTarget.dataset.activityId) });
  },

  onJoin(event: WechatMiniprogram.CustomEvent<{ groupId: string }>) {
    void wx.navigateTo({ url: groupPageUrl(event.detail.groupId) });
  },
});
