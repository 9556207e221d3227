/**
 * getLeaderDashboard (团长中心): a registered 团长's figures for today, the last 7 days and the last 30 (Shanghai
 * days, today included): the groups they opened (counted by when the leader paid and the group opened) and how many
 * of those that ended succeeded, the distinct members who paid in them and what those groups' paid orders still
 * hold (fen, refunds taken out), the commission entries recorded in the period by state, and the share funnel
 * (`domain/share-funnel.ts`): visits that opened their cards and posters and saw the detail, orders placed through
 * their ref, and those paid. Anyone who is not a registered leader is refused FORBIDDEN.
 */
import { commissionStatusSchema } from '../domain/commission.machine';
import { instantSchema } from '../domain/common.schema';
import { DASHBOARD_PERIODS } from '../domain/share-funnel';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema } from './common.schema';
import { defineContract } from './contract';

export const dashboardPeriodSchema = z.enum(DASHBOARD_PERIODS);

export const dashboardFiguresSchema = z.object({
  period: dashboardPeriodSchema,
  label: z.string(),
  /** The period's first instant (Shanghai midnight). */
  since: instantSchema,
  groups: z.object({
    opened: countSchema,
    succeeded: countSchema,
    failed: countSchema,
    /** Whole percent of the ended ones that succeeded; null while none has ended. */
    successRate: z.number().int().min(0).max(100).nullable(),
  }),
  /** Distinct shoppers other than the leader who paid in those groups. */
  members: countSchema,
  /** What those groups' paid orders hold, refunds taken out. */
  sales: fenSchema,
  /** Commission recorded in the period, by the state it is in now (`amount − clawedBack` each). */
  earnings: z.array(z.object({ status: commissionStatusSchema, label: z.string(), amount: z.number().int() })),
  funnel: z.object({ opened: countSchema, viewed: countSchema, joined: countSchema, paid: countSchema }),
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

export const getLeaderDashboardContract = defineContract({
  name: 'getLeaderDashboard',
  errors: ['FORBIDDEN'],
  request: z.object({}),
  response: z.object({ periods: z.array(dashboardFiguresSchema) }),
});
