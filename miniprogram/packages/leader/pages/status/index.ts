/**
 * 团长申请 (from 我的): getMyLeaderApplication on every show (with the pickup points, to name an existing one
 * while the application waits). 申请成为团长 opens the form; 撤回申请 (retractLeaderApplication) answers the
 * application as it now stands, which the page shows at once.
 */
import { type PickupPointCard, success } from '@shared/client';
import { callFunction } from '../../../../services/cloud';
import { leaderApplyUrl, leaderDashboardUrl, leaderEarningsUrl, leaderOpenUrl } from '../../../../utils/routes';
import { type LeaderStatusView, leaderStatusLoaded, pointToName, RETRACT_MODAL } from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    leader: null as LeaderStatusView | null,
    acting: false,
  },
  points: [] as PickupPointCard[],

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    const answer = await callFunction('getMyLeaderApplication', {});
    if (answer.ok && pointToName(answer.data) && this.points.length === 0) {
      // A point the list cannot name is shown by its id.
      const points = await callFunction('listPickupPoints', {});
      if (points.ok) this.points = points.data.items;
    }
    this.setData(leaderStatusLoaded(answer, this.points));
  },

  onApply() {
    void wx.navigateTo({ url: leaderApplyUrl() });
  },

  onDashboard() {
    void wx.navigateTo({ url: leaderDashboardUrl() });
  },

  onOpenTool() {
    void wx.navigateTo({ url: leaderOpenUrl() });
  },

  onEarnings() {
    void wx.navigateTo({ url: leaderEarningsUrl() });
  },

  async onRetract() {
    const applicationId = this.data.leader?.applicationId;
    if (!applicationId || !(await wx.showModal({ ...RETRACT_MODAL })).confirm) return;
    this.setData({ acting: true });
    const answer = await callFunction('retractLeaderApplication', { applicationId });
    this.setData({ acting: false });
    if (!answer.ok) return toast(answer.error.message);
    this.setData(leaderStatusLoaded(success({ application: answer.data, leader: null }), this.points));
    toast('已撤回');
  },
});
