/**
 * 拼团详情: where a shared card or a scanned poster lands. Shows the group, follows it live while the
 * page is visible, and offers 参团, sharing and the poster by the group's state (see view.ts).
 */
import { callFunction } from '../../../../services/cloud';
import { watchGroup } from '../../../../services/live';
import { login, rememberSharer, reportShareVisit } from '../../../../services/session';
import { makePoster, saveToAlbum } from './draw-poster';
import { activityUrl, checkoutUrl, ORDERS_TAB_URL } from '../../../../utils/routes';
import {
  type GroupActionKind,
  groupPageView,
  type GroupPageView,
  groupTarget,
  loadingView,
  MISSING_GROUP,
  shareMessage,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none', duration: 2500 });

Page({
  data: loadingView as GroupPageView,
  groupId: '',
  /** The shopper's own share ref, put in the cards they share. */
  myRef: undefined as string | undefined,
  /** The sharer's ref the page was opened with, until the detail's first load reports it viewed. */
  viewedBy: undefined as string | undefined,
  stopWatching: undefined as (() => void) | undefined,

  onLoad(options: Record<string, string | undefined>) {
    const target = groupTarget(options);
    if (!target) {
      this.setData({ ...loadingView, state: 'empty', message: MISSING_GROUP });
      return;
    }
    this.groupId = target.groupId;
    rememberSharer(target.ref);
    reportShareVisit(target.ref, { groupId: target.groupId }, 'opened');
    this.viewedBy = target.ref;
    void login().then((me) => {
      if (me.ok) this.myRef = me.data.ref;
    });
    void this.load();
  },

  onShow() {
    if (this.groupId && !this.stopWatching) this.stopWatching = watchGroup(this.groupId, () => void this.load(true));
  },

  onHide() {
    this.stopWatch();
  },

  onUnload() {
    this.stopWatch();
  },

  stopWatch() {
    this.stopWatching?.();
    this.stopWatching = undefined;
  },

  /** Loads the group; a live refresh that fails keeps what is shown. */
  async load(live = false) {
    const answer = await callFunction('getGroup', { groupId: this.groupId });
    if (live && !answer.ok) return;
    this.setData(groupPageView(answer, Date.now()));
    if (answer.ok && this.viewedBy) {
      reportShareVisit(this.viewedBy, { groupId: this.groupId }, 'viewed');
      this.viewedBy = undefined;
    }
  },

  onRetry() {
    this.setData(loadingView);
    void this.load();
  },

  onCountdownEnd() {
    void this.load(true);
  },

  onAction(event: WechatMiniprogram.CustomEvent<object, object, { kind: GroupActionKind }>) {
    const { group } = this.data;
    if (!group) return;
    switch (event.currentTarget.dataset.kind) {
      case 'join':
        void wx.navigateTo({ url: checkoutUrl({ mode: 'join', groupId: group.groupId }) });
        break;
      case 'orders':
        void wx.switchTab({ url: ORDERS_TAB_URL });
        break;
      case 'activity':
        void wx.navigateTo({ url: activityUrl(group.activityId) });
        break;
      case 'poster':
        void this.makeAndSavePoster();
        break;
      case 'share': // the button itself opens WeChat's share sheet (open-type="share")
        break;
    }
  },

  async makeAndSavePoster() {
    const { group } = this.data;
    if (!group) return;
    wx.showLoading({ title: '海报生成中', mask: true });
    const poster = await makePoster(group.groupId, group);
    wx.hideLoading();
    if (!poster.ok) {
      toast(poster.message);
      return;
    }
    const saved = await saveToAlbum(poster.filePath);
    if (saved === 'saved') toast('海报已存到相册，发朋友圈喊人来拼');
    else if (saved === 'refused') toast('没有相册权限，海报没存上');
    else if (saved === 'failed') toast('海报保存失败，请稍后再试');
  },

  onShareAppMessage() {
    return shareMessage(this.groupId, this.data.group, this.myRef);
  },
});
