import { failure, parseBusinessTime, success, type LeaderApplicationView } from '@shared/client';
import { describe, expect, it } from 'vitest';
import { leaderStatusLoaded, leaderStatusView, pointToName } from './view';

const at = (text: string) => parseBusinessTime(text);
const pending: LeaderApplicationView = {
  applicationId: 'LA0001',
  status: 'pending',
  statusLabel: '待审核',
  name: '王姐',
  phone: '13800000001',
  community: '解放碑社区',
  point: { kind: 'existing', pickupPointId: 'pp-jiefangbei' },
  pointLabel: '选择已有自提点',
  createdAt: at('2026-12-01 10:00'),
  actions: ['retract'],
};
const jiefangbei = {
  pickupPointId: 'pp-jiefangbei',
  name: '解放碑便民驿站',
  address: '渝中区民权路 28 号',
  district: '渝中区' as const,
};
const leader = {
  name: '王姐',
  phone: '13800000001',
  community: '解放碑社区',
  approvedAt: at('2026-12-02 09:30'),
  pickupPoint: jiefangbei,
};

describe('团长申请 page view', () => {
  it('invites a shopper with no application to apply', () => {
    expect(leaderStatusView({ application: null, leader: null })).toMatchObject({
      applicationId: '',
      status: 'none',
      title: '成为团长',
      rows: [],
      canApply: true,
      canRetract: false,
    });
  });

  it('shows a waiting application, naming its point, with 撤回申请', () => {
    const view = leaderStatusView({ application: pending, leader: null }, [jiefangbei]);
    expect(view).toEqual({
      applicationId: 'LA0001',
      status: 'pending',
      title: '待审核',
      explanation: '申请已提交，平台将尽快审核',
      rows: [
        { label: '姓名', value: '王姐' },
        { label: '手机号', value: '138****0001' },
        { label: '所在社区', value: '解放碑社区' },
        { label: '选择已有自提点', value: '解放碑便民驿站（渝中区民权路 28 号）' },
        { label: '申请时间', value: '2026-12-01 10:00' },
      ],
      pointRows: [],
      centre: [],
      canRetract: true,
      canApply: false,
    });
    expect(leaderStatusView({ application: pending, leader: null }).rows[3]?.value).toBe('pp-jiefangbei');
    expect(pointToName({ application: pending, leader: null })).toBe('pp-jiefangbei');
  });

  it('shows an approved leader the point they run', () => {
    const approved: LeaderApplicationView = {
      ...pending,
      status: 'approved',
      statusLabel: '已通过',
      pickupPointId: 'pp-jiefangbei',
      decidedAt: at('2026-12-02 09:30'),
      actions: [],
    };
    const view = leaderStatusView({ application: approved, leader });
    expect(view).toMatchObject({ title: '已通过', explanation: '你已成为团长，负责以下自提点', canApply: false });
    expect(view.pointRows).toEqual([
      { label: '自提点', value: '解放碑便民驿站' },
      { label: '区县', value: '渝中区' },
      { label: '地址', value: '渝中区民权路 28 号' },
      { label: '成为团长', value: '2026-12-02 09:30' },
    ]);
    expect(view.rows.at(-1)).toEqual({ label: '审核时间', value: '2026-12-02 09:30' });
    expect(pointToName({ application: approved, leader })).toBeUndefined();
    expect(leaderStatusView({ application: null, leader })).toMatchObject({ status: 'approved', canApply: false });
  });

  it('opens 团长中心 to an approved leader only: dashboard, 开团工具, the pickup desk, 团员管理 and 我的收益', () => {
    const centre = [
      { title: '数据看板', description: '开团、成交与分享数据', url: '/packages/leader/pages/dashboard/index' },
      { title: '开团工具', description: '一键开团，分享卡片或海报', url: '/packages/leader/pages/open/index' },
      { title: '自提点工作台', description: '今日到货、待取货，扫码核销', url: '/packages/leader/pages/desk/index' },
      { title: '团员管理', description: '我开的团，团员付款和取货', url: '/packages/leader/pages/members/index' },
      { title: '我的收益', description: '佣金余额、申请提现', url: '/packages/leader/pages/earnings/index' },
    ];
    const approved: LeaderApplicationView = { ...pending, status: 'approved', statusLabel: '已通过', actions: [] };
    expect(leaderStatusView({ application: approved, leader }).centre).toEqual(centre);
    expect(leaderStatusView({ application: null, leader }).centre).toEqual(centre);
    expect(leaderStatusView({ application: pending, leader: null }).centre).toEqual([]);
    expect(leaderStatusView({ application: null, leader: null }).centre).toEqual([]);
  });

  it('gives ops’ reason for a decline, and lets the shopper apply again after a decline or retraction', () => {
    const declined = {
      ...pending,
      status: 'declined' as const,
      statusLabel: '未通过',
      declineReason: '该社区已有团长',
      actions: [],
    };
    expect(leaderStatusView({ application: declined, leader: null })).toMatchObject({
      explanation: '申请未通过：该社区已有团长',
      canApply: true,
      canRetract: false,
    });
    const retracted = { ...pending, status: 'retracted' as const, statusLabel: '已撤回', actions: [] };
    expect(leaderStatusView({ application: retracted, leader: null })).toMatchObject({
      title: '已撤回',
      explanation: '申请已撤回，可重新申请',
      canApply: true,
    });
  });

  it('names a shop by what the applicant described', () => {
    const shop: LeaderApplicationView = {
      ...pending,
      point: {
        kind: 'new_shop',
        shop: {
          name: '王姐便利店',
          address: '民族路 1 号',
          district: '渝中区',
          location: { type: 'Point', coordinates: [106.58, 29.559] },
        },
      },
      pointLabel: '登记自己的店铺为新自提点',
    };
    expect(leaderStatusView({ application: shop, leader: null }).rows[3]).toEqual({
      label: '登记自己的店铺为新自提点',
      value: '王姐便利店（渝中区 民族路 1 号）',
    });
    expect(pointToName({ application: shop, leader: null })).toBeUndefined();
  });

  it('shows a failed load as an error to retry', () => {
    expect(leaderStatusLoaded(failure('INTERNAL', '网络开小差了'))).toEqual({
      state: 'error',
      message: '网络开小差了',
    });
    expect(leaderStatusLoaded(success({ application: null, leader: null }))).toMatchObject({ state: 'ready' });
  });
});
