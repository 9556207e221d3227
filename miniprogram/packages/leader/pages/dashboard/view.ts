/**
 * What 团长中心 shows for the period chosen (今日, 近7天, 近30天): the groups opened and their success rate, the members
 * who paid, the sales, the commission by state and the share funnel, each stage with its share of the one before.
 */
import {
  DASHBOARD_PERIODS,
  type DashboardFigures,
  type DashboardPeriod,
  type Envelope,
  FUNNEL_STAGE_LABELS,
  type FunnelStage,
  type getLeaderDashboardContract,
  type ResponseOf,
} from '@shared/client';
import { priceText } from '../../../../utils/format';

export type LeaderDashboard = ResponseOf<typeof getLeaderDashboardContract>;

export interface Figure {
  readonly label: string;
  readonly value: string;
}

export interface FunnelRow {
  readonly stage: FunnelStage;
  readonly label: string;
  readonly count: number;
  /** The bar's width, as a share of the first stage (0–100). */
  readonly width: number;
  /** Its share of the stage before ('' for the first, or when the one before is 0). */
  readonly rate: string;
}

export interface PeriodTab {
  readonly period: DashboardPeriod;
  readonly label: string;
  readonly active: boolean;
}

export interface DashboardView {
  readonly tabs: PeriodTab[];
  readonly figures: Figure[];
  readonly earnings: Figure[];
  readonly funnel: FunnelRow[];
}

export type DashboardState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly view: DashboardView };

const percent = (part: number, whole: number) => Math.round((part * 100) / whole);

function funnelRows(funnel: DashboardFigures['funnel']): FunnelRow[] {
  const stages = Object.keys(FUNNEL_STAGE_LABELS) as FunnelStage[];
  const top = funnel.opened;
  return stages.map((stage, index) => {
    const count = funnel[stage];
    const before = index > 0 ? funnel[stages[index - 1] as FunnelStage] : 0;
    return {
      stage,
      label: FUNNEL_STAGE_LABELS[stage],
      count,
      width: top > 0 ? Math.min(100, percent(count, top)) : 0,
      rate: index > 0 && before > 0 ? `${percent(count, before)}%` : '',
    };
  });
}

/** The page for one period of the dashboard. */
export function dashboardView(dashboard: LeaderDashboard, period: DashboardPeriod): DashboardView {
  const figures = dashboard.periods.find((p) => p.period === period) ?? dashboard.periods[0];
  const tabs = DASHBOARD_PERIODS.map((p) => ({
    period: p,
    label: dashboard.periods.find((f) => f.period === p)?.label ?? p,
    active: p === figures?.period,
  }));
  if (!figures) return { tabs, figures: [], earnings: [], funnel: [] };
  const { groups } = figures;
  return {
    tabs,
    figures: [
      { label: '开团数', value: String(groups.opened) },
      { label: '成团率', value: groups.successRate === null ? '—' : `${groups.successRate}%` },
      { label: '付款团员', value: String(figures.members) },
      { label: '成交金额', value: priceText(figures.sales) },
    ],
    earnings: figures.earnings
      .filter((e) => e.amount !== 0)
      .map((e) => ({ label: e.label, value: priceText(e.amount) })),
    funnel: funnelRows(figures.funnel),
  };
}

export function dashboardLoaded(answer: Envelope<LeaderDashboard>, period: DashboardPeriod): DashboardState {
  return answer.ok
    ? { state: 'ready', message: '', view: dashboardView(answer.data, period) }
    : { state: 'error', message: answer.error.message };
}
