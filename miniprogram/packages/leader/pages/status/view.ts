/**
 * What the 团长申请 page shows: no application yet (what a 团长 does, and 申请成为团长), or the latest one and where
 * it stands — 待审核 (what was sent, 撤回申请), 已通过 (the point they now run), 未通过 (ops' reason, apply again),
 * 已撤回 (apply again).
 */
import {
  type Envelope,
  formatBusinessTime,
  type getMyLeaderApplicationContract,
  type LeaderApplicationStatus,
  type LeaderApplicationView,
  type PickupPointCard,
  type ResponseOf,
} from '@shared/client';
import { maskPhone } from '../../../../utils/format';
import {
  leaderDashboardUrl,
  leaderDeskUrl,
  leaderEarningsUrl,
  leaderMembersUrl,
  leaderOpenUrl,
} from '../../../../utils/routes';

export type MyLeaderApplication = ResponseOf<typeof getMyLeaderApplicationContract>;

export interface Row {
  readonly label: string;
  readonly value: string;
}

/** An entry of 团长中心: what it is called, what it does, where it leads. */
export interface CentreEntry {
  readonly title: string;
  readonly description: string;
  readonly url: string;
}

export interface LeaderStatusView {
  /** The application shown ('' for none): what 撤回申请 names. */
  readonly applicationId: string;
  readonly status: LeaderApplicationStatus | 'none';
  readonly title: string;
  readonly explanation: string;
  /** What the application said. */
  readonly rows: Row[];
  /** The point they run, once approved. */
  readonly pointRows: Row[];
  /** 团长中心, for an approved leader: the pickup desk and 团员管理. */
  readonly centre: CentreEntry[];
  readonly canRetract: boolean;
  readonly canApply: boolean;
}

export type LeaderStatusState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly leader: LeaderStatusView };

const time = (at: number) => formatBusinessTime(at, 'YYYY-MM-DD HH:mm');

const NONE: LeaderStatusView = {
  applicationId: '',
  status: 'none',
  title: '成为团长',
  explanation: '团长在自己的社区开团、带邻居拼单，在自提点收货并为邻居核销，享受专属佣金。',
  rows: [],
  pointRows: [],
  centre: [],
  canRetract: false,
  canApply: true,
};

const CENTRE: CentreEntry[] = [
  { title: '数据看板', description: '开团、成交与分享数据', url: leaderDashboardUrl() },
  { title: '开团工具', description: '一键开团，分享卡片或海报', url: leaderOpenUrl() },
  { title: '自提点工作台', description: '今日到货、待取货，扫码核销', url: leaderDeskUrl() },
  { title: '团员管理', description: '我开的团，团员付款和取货', url: leaderMembersUrl() },
  { title: '我的收益', description: '佣金余额、申请提现', url: leaderEarningsUrl() },
];

const APPROVED = '你已成为团长，负责以下自提点';

const EXPLANATIONS: Record<LeaderApplicationStatus, (application: LeaderApplicationView) => string> = {
  pending: () => '申请已提交，平台将尽快审核',
  approved: () => APPROVED,
  declined: (a) => (a.declineReason ? `申请未通过：${a.declineReason}` : '申请未通过'),
  retracted: () => '申请已撤回，可重新申请',
};

/** The existing point the application names, by its listPickupPoints card when the page has one. */
function pointText(application: LeaderApplicationView, points: readonly PickupPointCard[]): string {
  const { point } = application;
  if (point.kind === 'new_shop') return `${point.shop.name}（${point.shop.district} ${point.shop.address}）`;
  const card = points.find((p) => p.pickupPointId === point.pickupPointId);
  return card ? `${card.name}（${card.address}）` : point.pickupPointId;
}

/** The page for getMyLeaderApplication's answer; `points` name an existing point the application chose. */
export function leaderStatusView(
  answer: MyLeaderApplication,
  points: readonly PickupPointCard[] = [],
): LeaderStatusView {
  const { application, leader } = answer;
  if (!application && !leader) return NONE;
  const pointRows: Row[] = leader
    ? [
        { label: '自提点', value: leader.pickupPoint.name },
        { label: '区县', value: leader.pickupPoint.district },
        { label: '地址', value: leader.pickupPoint.address },
        { label: '成为团长', value: time(leader.approvedAt) },
      ]
    : [];
  if (!application) {
    // A leader whose application is out of sight still runs their point.
    return {
      ...NONE,
      status: 'approved',
      title: '已通过',
      explanation: APPROVED,
      pointRows,
      centre: CENTRE,
      canApply: false,
    };
  }
  const rows: Row[] = [
    { label: '姓名', value: application.name },
    { label: '手机号', value: maskPhone(application.phone) },
    { label: '所在社区', value: application.community },
    { label: application.pointLabel, value: pointText(application, points) },
    { label: '申请时间', value: time(application.createdAt) },
  ];
  if (application.decidedAt !== undefined) rows.push({ label: '审核时间', value: time(application.decidedAt) });
  return {
    applicationId: application.applicationId,
    status: application.status,
    title: application.statusLabel,
    explanation: EXPLANATIONS[application.status](application),
    rows,
    pointRows,
    centre: leader ? CENTRE : [],
    canRetract: application.actions.includes('retract'),
    canApply: !leader && (application.status === 'declined' || application.status === 'retracted'),
  };
}

/** The existing point to name with listPickupPoints: an application not yet approved that chose one. */
export function pointToName(answer: MyLeaderApplication): string | undefined {
  const { application, leader } = answer;
  if (leader || !application || application.point.kind !== 'existing') return undefined;
  return application.point.pickupPointId;
}

export function leaderStatusLoaded(
  answer: Envelope<MyLeaderApplication>,
  points: readonly PickupPointCard[] = [],
): LeaderStatusState {
  return answer.ok
    ? { state: 'ready', message: '', leader: leaderStatusView(answer.data, points) }
    : { state: 'error', message: answer.error.message };
}

export const RETRACT_MODAL = {
  title: '撤回申请',
  content: '撤回后本次申请将关闭，之后可以重新申请。',
  confirmText: '撤回',
} as const;
