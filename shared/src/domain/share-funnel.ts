/**
 * The share funnel a 团长 reads on their dashboard: of the people who opened a card or poster they shared, how many
 * saw the detail, placed an order through it and paid.
 *
 * - `opened` and `viewed` are share visits (`share_events`), recorded by the page the card or poster opened (the
 *   group page, the activity page): opened as it loads with the sharer's ref, viewed once the detail has loaded. A
 *   visit counts once per sharer, visitor, target, stage and Shanghai day (`shareVisitKey`), and never when the
 *   visitor is the sharer.
 * - `joined` and `paid` are orders: openGroup and joinGroup keep the ref the shopper arrived through
 *   (`referrerRef`), so the orders placed through a share are counted from the orders themselves, paid or not; the
 *   sharer's own orders never count.
 *
 * The dashboard's periods are Shanghai days: today, the last 7 days and the last 30 (today included), each one a
 * superset of the one before, so one pass of the database tells which of the three a document falls in.
 */
import { formatBusinessTime, HOUR_MS, startOfBusinessDay } from '../kernel/time';
import * as z from '../kernel/zod';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { userRefSchema } from './user.schema';

/** What a share visit records: the card or poster was opened, then the detail loaded. */
export const shareVisitStageSchema = z.enum(['opened', 'viewed']);
export type ShareVisitStage = z.infer<typeof shareVisitStageSchema>;
export const SHARE_VISIT_STAGES = shareVisitStageSchema.options;

/** The funnel's stages in order, visits then orders. */
export const FUNNEL_STAGE_LABELS = {
  opened: '打开分享',
  viewed: '查看详情',
  joined: '下单',
  paid: '支付',
} as const;
export type FunnelStage = keyof typeof FUNNEL_STAGE_LABELS;
export type Funnel = Record<FunnelStage, number>;

/** What a share leads to: a group (a group card, a poster) or an activity (an activity card). */
export type ShareTarget = { readonly groupId: string } | { readonly activityId: string };

/** A share visit as `share_events` keeps it. */
export const shareEventSchema = z.object({
  _id: idSchema,
  /** The sharer's ref, as the card carried it, and who holds it (resolved by the server). */
  ref: userRefSchema,
  sharerOpenid: openidSchema,
  visitorOpenid: openidSchema,
  stage: shareVisitStageSchema,
  groupId: idSchema.optional(),
  activityId: idSchema.optional(),
  /** The Shanghai day it happened on, `YYYYMMDD`. */
  day: z.string().regex(/^\d{8}$/),
  at: instantSchema,
});
export type ShareEvent = z.infer<typeof shareEventSchema>;

/** The Shanghai day an instant falls on, as share visits are deduplicated by: `20261201`. */
export const shareDay = (at: number): string => formatBusinessTime(at, 'YYYYMMDD');

/**
 * What makes a visit the same visit: sharer's ref, visitor, target, stage and day. The server stores a visit
 * under an id derived from it, so a repeat on the same day (or a dozen at once) is one document.
 */
export function shareVisitKey(visit: {
  readonly ref: string;
  readonly visitorOpenid: string;
  readonly target: ShareTarget;
  readonly stage: ShareVisitStage;
  readonly at: number;
}): string {
  const target = 'groupId' in visit.target ? `g:${visit.target.groupId}` : `a:${visit.target.activityId}`;
  return [shareDay(visit.at), visit.stage, visit.ref, target, visit.visitorOpenid].join('|');
}

/** Why a visit is not recorded: the ref is nobody's, or the visitor is the sharer. */
export function shareVisitRefusal(
  sharerOpenid: string | undefined,
  visitorOpenid: string,
): 'unknown_sharer' | 'own_share' | undefined {
  if (sharerOpenid === undefined) return 'unknown_sharer';
  return sharerOpenid === visitorOpenid ? 'own_share' : undefined;
}

export const DASHBOARD_PERIODS = ['today', 'days7', 'days30'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export const DASHBOARD_PERIOD_LABELS: Record<DashboardPeriod, string> = {
  today: '今日',
  days7: '近7天',
  days30: '近30天',
};

const PERIOD_DAYS: Record<DashboardPeriod, number> = { today: 1, days7: 7, days30: 30 };

/**
 * When each period starts: the start of today in Shanghai, and of the day 6 and 29 days before it (Shanghai keeps
 * no daylight saving, so a day is 24 hours).
 */
export function dashboardPeriodStarts(now: number): Record<DashboardPeriod, number> {
  const today = startOfBusinessDay(now);
  return Object.fromEntries(
    DASHBOARD_PERIODS.map((period) => [period, today - (PERIOD_DAYS[period] - 1) * 24 * HOUR_MS]),
  ) as Record<DashboardPeriod, number>;
}

/**
 * The periods a document of time `at` counts in, given the flags the database computed: whether `at` is today
 * (`t`) and within the last 7 days (`w`); every document read is within the last 30.
 */
export function periodsOf(bucket: { readonly t: boolean; readonly w: boolean }): DashboardPeriod[] {
  return bucket.t ? ['today', 'days7', 'days30'] : bucket.w ? ['days7', 'days30'] : ['days30'];
}

/** Groups that ended well, of those that ended (forming ones wait): a whole percentage, or null with none ended. */
export function groupSuccessRate(succeeded: number, failed: number): number | null {
  const ended = succeeded + failed;
  return ended === 0 ? null : Math.round((succeeded * 100) / ended);
}
