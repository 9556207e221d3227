/**
 * 团长中心: getLeaderDashboard on every show, one period at a time (今日 first); switching the period reads what
 * was loaded. 去开团 opens 开团工具.
 */
import type { DashboardPeriod } from '@shared/client';
import { callFunction } from '../../../../services/cloud';
import { leaderOpenUrl } from '../../../../utils/routes';
import { dashboardLoaded, type DashboardView, dashboardView, type LeaderDashboard } from './view';

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    period: 'today' as DashboardPeriod,
    view: null as DashboardView | null,
  },
  loaded: undefined as LeaderDashboard | undefined,

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    const answer = await callFunction('getLeaderDashboard', {});
    if (answer.ok) this.loaded = answer.data;
    this.setData(dashboardLoaded(answer, this.data.period));
  },

  onPeriod(event: WechatMiniprogram.CustomEvent<object, object, { period: DashboardPeriod }>) {
    const { period } = event.currentTarget.dataset;
    this.setData({ period, ...(this.loaded ? { view: dashboardView(this.loaded, period) } : {}) });
  },

  onOpen() {
    void wx.navigateTo({ url: leaderOpenUrl() });
  },
});
