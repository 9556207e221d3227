import { type DashboardFigures, failure, money, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { dashboardLoaded, dashboardView, type LeaderDashboard } from './view';

const figures = (period: DashboardFigures['period'], label: string, n: number): DashboardFigures => ({
  period,
  label,
  since: 0,
  groups: { opened: 3 * n, succeeded: 2 * n, failed: n, successRate: n === 0 ? null : 67 },
  members: 5 * n,
  sales: money.fen(12_345 * n),
  earnings: [
    { status: 'pending', label: '待成团', amount: 299 * n },
    { status: 'earned', label: '已确认', amount: 0 },
  ],
  funnel: { opened: 10 * n, viewed: 4 * n, joined: 0, paid: 0 },
});

const dashboard: LeaderDashboard = {
  periods: [figures('today', '今日', 0), figures('days7', '近7天', 1), figures('days30', '近30天', 2)],
};

describe('团长中心 page view', () => {
  it('shows the chosen period: its figures, earnings and funnel', () => {
    const view = dashboardView(dashboard, 'days7');
    expect(view.tabs.map((t) => [t.label, t.active])).toEqual([
      ['今日', false],
      ['近7天', true],
      ['近30天', false],
    ]);
    expect(view.figures).toEqual([
      { label: '开团数', value: '3' },
      { label: '成团率', value: '67%' },
      { label: '付款团员', value: '5' },
      { label: '成交金额', value: '¥123.45' },
    ]);
    expect(view.earnings).toEqual([{ label: '待成团', value: '¥2.99' }]);
    expect(view.funnel).toEqual([
      { stage: 'opened', label: '打开分享', count: 10, width: 100, rate: '' },
      { stage: 'viewed', label: '查看详情', count: 4, width: 40, rate: '40%' },
      { stage: 'joined', label: '下单', count: 0, width: 0, rate: '0%' },
      { stage: 'paid', label: '支付', count: 0, width: 0, rate: '' },
    ]);
  });

  it('shows an empty period as dashes and zeros', () => {
    const view = dashboardView(dashboard, 'today');
    expect(view.figures[1]).toEqual({ label: '成团率', value: '—' });
    expect(view.earnings).toEqual([]);
    expect(view.funnel.every((s) => s.width === 0 && s.rate === '')).toBe(true);
  });

  it("shows the server's refusal", () => {
    expect(dashboardLoaded(failure('FORBIDDEN'), 'today')).toMatchObject({ state: 'error' });
    const ready = dashboardLoaded(success(dashboard), 'days30');
    expect(ready.state === 'ready' && ready.view.funnel[0]?.count).toBe(20);
  });
});
