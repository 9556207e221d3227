/**
 * Editing an activity in the console: what the form holds (the rules, the title and the dedicated pool's
 * size), which changes a published activity accepts, how its pool may grow or shrink, and when a draft
 * may be published. Pure: the server applies these decisions with one transaction, and the console shows
 * the same refusals inline before anything is sent.
 *
 * A draft changes freely. Once published (active or paused), groups are forming: each group copied its
 * prices, size, limits, stock mode, scope and new-customer rule when it opened, and keeps them, but the
 * detail page shows the activity's rules beside its forming groups (凑团), payments for seats are refused
 * once the activity stops selling, and the 凑团 list is found by the activity's group size. So a live
 * activity only widens: it may end later or start earlier, raise its limits and validity, widen its scope,
 * drop the new-customer rule, turn the platform guarantee on or lower it, rename itself, and grow its pool
 * (or shrink it down to what is held and sold). Prices, group size and stock mode never change once
 * published. An ended activity changes nothing but may give its pool's unsold units back to the SKU.
 */
import * as z from '../kernel/zod';
import { type ActivityEvent, activityEventSchema, activityMachine, type ActivityStatus } from './activity.machine';
import {
  type ActivityRules,
  activityRulesShape,
  type ActivityScope,
  activityTitleSchema,
  checkActivityRules,
  type StockMode,
} from './activity.schema';
import type { Stock } from './catalog.schema';
import { distanceMeters } from './scope';

/** The most units one dedicated pool may hold. */
export const MAX_POOL_SIZE = 1_000_000;

/** What the console's form edits: the title, every rule, and the dedicated pool's size (all its units). */
export const activityEditShape = {
  title: activityTitleSchema,
  ...activityRulesShape,
  /** A dedicated activity's pool: available + held + sold. Absent for a shared activity. */
  poolSize: z
    .number({ error: '请填写专属库存' })
    .int('专属库存须为整数')
    .min(0, '专属库存不能为负数')
    .max(MAX_POOL_SIZE, '专属库存不能超过 1000000 件')
    .optional(),
};

type EditFields = z.output<z.ZodObject<typeof activityEditShape>>;
export type ActivityEdit = EditFields;
export type EditField = keyof EditFields;

/** The rules' own checks, and a pool size for a dedicated activity. */
export function checkActivityEdit(edit: EditFields, issue: (path: EditField, message: string) => void) {
  checkActivityRules(edit, issue);
  if (edit.stockMode === 'dedicated' && edit.poolSize === undefined) issue('poolSize', '请填写专属库存');
}

export const refineActivityEdit = (edit: EditFields, ctx: z.RefinementCtx) =>
  checkActivityEdit(edit, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }));

export const activityEditSchema = z.object(activityEditShape).superRefine(refineActivityEdit);

/** The fields' names, as the console labels them. */
export const ACTIVITY_FIELD_LABELS = {
  title: '活动标题',
  groupPrice: '拼团价',
  soloPrice: '单买价',
  leaderPrice: '团长价',
  groupSize: '成团人数',
  validityHours: '成团时限',
  startAt: '开始时间',
  endAt: '结束时间',
  perOrderLimit: '每单限购',
  perUserLimit: '每人限购',
  stockMode: '库存模式',
  newCustomerOnly: '仅限新用户',
  scope: '参团范围',
  guarantee: '成团保障',
  poolSize: '专属库存',
} as const satisfies Record<EditField, string>;

/** How a field of a published activity may change. */
export type LiveChange = 'any' | 'earlier' | 'later' | 'up' | 'loosen' | 'widen' | 'pool' | 'frozen';

export const LIVE_CHANGES = {
  title: 'any',
  startAt: 'earlier',
  endAt: 'later',
  validityHours: 'up',
  perOrderLimit: 'up',
  perUserLimit: 'up',
  newCustomerOnly: 'loosen',
  scope: 'widen',
  guarantee: 'loosen',
  poolSize: 'pool',
  groupPrice: 'frozen',
  soloPrice: 'frozen',
  leaderPrice: 'frozen',
  groupSize: 'frozen',
  stockMode: 'frozen',
} as const satisfies Record<EditField, LiveChange>;

/** What the form says beside a field of a published activity. */
export const LIVE_CHANGE_HINTS = {
  any: '',
  earlier: '已发布：只能提前',
  later: '已发布：只能延后',
  up: '已发布：只能调高',
  loosen: '已发布：只能放宽',
  widen: '已发布：只能扩大范围',
  pool: '已发布：可以追加；减少时不能低于已占用和已售出的数量',
  frozen: '已发布：不能修改（正在拼的团按开团时的规则成团）',
} as const satisfies Record<LiveChange, string>;

export const isPublished = (status: ActivityStatus): boolean => status !== 'draft';

/** JSON with object keys sorted, so two equal values read the same whatever order their keys came in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Whether `outer` lets in everyone `inner` lets in: no scope is everywhere; districts cover a subset of
 * themselves; a circle covers a circle inside it; a pickup point covers itself. Different kinds are never
 * compared (a point's place is not the domain's to read).
 */
export function scopeCovers(outer: ActivityScope | undefined, inner: ActivityScope | undefined): boolean {
  if (!outer) return true;
  if (!inner) return false;
  if (outer.kind === 'districts' && inner.kind === 'districts') {
    return inner.districts.every((district) => outer.districts.includes(district));
  }
  if (outer.kind === 'pickup_point' && inner.kind === 'pickup_point')
    return outer.pickupPointId === inner.pickupPointId;
  if (outer.kind === 'radius' && inner.kind === 'radius') {
    return distanceMeters(outer.center, inner.center) + inner.radiusMeters <= outer.radiusMeters + 0.5;
  }
  return false;
}

export interface EditIssue {
  readonly field: EditField;
  readonly message: string;
}

/** The rules as an activity holds them, with its title, status and pool. */
export type EditableActivity = ActivityRules & {
  readonly title: string;
  readonly status: ActivityStatus;
  readonly pool?: Stock | undefined;
};

export const poolTotal = (pool: Stock | undefined): number => (pool ? pool.available + pool.reserved + pool.sold : 0);
export const poolHeld = (pool: Stock | undefined): number => (pool ? pool.reserved + pool.sold : 0);

const EDIT_FIELDS = Object.keys(ACTIVITY_FIELD_LABELS) as EditField[];

/** Only the form's fields, without a pool size for a shared activity. */
export function normalisedEdit(edit: ActivityEdit): ActivityEdit {
  const out: Record<string, unknown> = {};
  for (const field of EDIT_FIELDS) if (edit[field] !== undefined) out[field] = edit[field];
  if (edit.stockMode !== 'dedicated') delete out.poolSize;
  return out as ActivityEdit;
}

/** The form's values for an activity as it is stored. */
export function editOf(activity: EditableActivity): ActivityEdit {
  return normalisedEdit({ ...activity, poolSize: poolTotal(activity.pool) } as ActivityEdit);
}

/** The fields `next` changes, compared with the activity as it is. */
export function changedFields(current: EditableActivity, next: ActivityEdit): EditField[] {
  const before = editOf(current);
  const after = normalisedEdit(next);
  return EDIT_FIELDS.filter((field) => !same(before[field], after[field]));
}

function liveIssue(field: EditField, current: ActivityEdit, next: ActivityEdit): string | undefined {
  const label = ACTIVITY_FIELD_LABELS[field];
  switch (LIVE_CHANGES[field]) {
    case 'any':
    case 'pool':
      return undefined;
    case 'frozen':
      return `活动已发布，${label}不能修改：正在拼的团按开团时的规则成团`;
    case 'earlier':
      return next.startAt > current.startAt ? '活动已发布，开始时间只能提前' : undefined;
    case 'later':
      return next.endAt < current.endAt ? '活动已发布，结束时间只能延后：正在拼的团需要时间成团' : undefined;
    case 'up': {
      const key = field as 'validityHours' | 'perOrderLimit' | 'perUserLimit';
      return next[key] < current[key] ? `活动已发布，${label}只能调高` : undefined;
    }
    case 'loosen':
      if (field === 'newCustomerOnly') {
        return next.newCustomerOnly && !current.newCustomerOnly ? '活动已发布，不能改为仅限新用户' : undefined;
      }
      return current.guarantee &&
        (!next.guarantee || next.guarantee.minPaidShare > current.guarantee.minPaidShare + 1e-9)
        ? '活动已发布，成团保障只能开启或降低比例，不能关闭或提高'
        : undefined;
    case 'widen':
      return scopeCovers(next.scope, current.scope) ? undefined : '活动已发布，参团范围只能扩大（包含原来的范围）';
  }
}

/**
 * Why `next` may not replace the activity's rules now (one issue per field), or none. A draft takes any
 * valid rules; a published activity only the changes above; an ended one none (its pool is `poolPlan`'s).
 */
export function editRefusals(current: EditableActivity, next: ActivityEdit): EditIssue[] {
  if (!isPublished(current.status)) return [];
  const before = editOf(current);
  const ended = activityMachine.isFinal(current.status);
  return changedFields(current, next).flatMap((field) => {
    if (ended && field !== 'poolSize') return [{ field, message: '活动已结束，不能再修改规则' }];
    const message = liveIssue(field, before, next);
    return message ? [{ field, message }] : [];
  });
}

/** How the dedicated pool changes: units carved from the SKU (`delta` > 0) or given back to it (< 0). */
export type PoolPlan =
  | { readonly ok: true; readonly delta: number; readonly pool: 'keep' | 'create' | 'remove' | 'none' }
  | { readonly ok: false; readonly issue: EditIssue; readonly outOfStock?: boolean };

/**
 * The pool after an edit. A pool never drops below what it holds for unpaid orders and has sold; it grows
 * only by what the SKU has available; an ended activity's pool only gives units back. Switching a draft
 * between shared and dedicated carves the whole pool or gives it all back.
 */
export function poolPlan(
  current: { readonly status: ActivityStatus; readonly stockMode: StockMode; readonly pool?: Stock | undefined },
  next: { readonly stockMode: StockMode; readonly poolSize?: number | undefined },
  skuAvailable: number,
): PoolPlan {
  const target = next.stockMode === 'dedicated' ? (next.poolSize ?? 0) : 0;
  const delta = target - poolTotal(current.pool);
  const held = poolHeld(current.pool);
  const refuse = (message: string, outOfStock = false): PoolPlan => ({
    ok: false,
    issue: { field: 'poolSize', message },
    ...(outOfStock ? { outOfStock } : {}),
  });
  if (target < held) return refuse(`专属库存不能少于已占用和已售出的 ${held} 件`);
  if (delta > 0 && activityMachine.isFinal(current.status)) return refuse('活动已结束，专属库存只能回收，不能追加');
  if (delta > skuAvailable) return refuse(`SKU 可用库存不足：最多还能划拨 ${skuAvailable} 件`, true);
  const pool = next.stockMode === 'dedicated' ? (current.pool ? 'keep' : 'create') : current.pool ? 'remove' : 'none';
  return { ok: true, delta, pool };
}

/** Why a draft may not be published now, or undefined. */
export function publishRefusal(
  activity: { readonly endAt: number; readonly stockMode: StockMode; readonly pool?: Stock | undefined },
  now: number,
): string | undefined {
  if (activity.endAt <= now) return '活动结束时间已过，请先修改结束时间';
  if (activity.stockMode === 'dedicated' && (activity.pool?.available ?? 0) === 0) {
    return '专属库存为 0，请先设置专属库存';
  }
  return undefined;
}

/** The console's actions on an activity in this status (发布, 暂停, 恢复, 结束), in the machine's order. */
export const activityEvents = (status: ActivityStatus): ActivityEvent[] =>
  activityEventSchema.options.filter((event) => activityMachine.next(status, event) !== undefined);

export const ACTIVITY_EVENT_LABELS = {
  published: '发布',
  paused: '暂停',
  resumed: '恢复',
  ended: '结束',
} as const satisfies Record<ActivityEvent, string>;

/** Where an activity is in its life, as the console shows it: its status, and its window for a published one. */
export const activityPhaseSchema = z.enum(['draft', 'scheduled', 'selling', 'paused', 'finished']);
export type ActivityPhase = z.infer<typeof activityPhaseSchema>;

export const ACTIVITY_PHASE_LABELS = {
  draft: '草稿',
  scheduled: '未开始',
  selling: '进行中',
  paused: '已暂停',
  finished: '已结束',
} as const satisfies Record<ActivityPhase, string>;

export function activityPhase(
  activity: { readonly status: ActivityStatus; readonly startAt: number; readonly endAt: number },
  now: number,
): ActivityPhase {
  if (!isPublished(activity.status)) return 'draft';
  if (activityMachine.isFinal(activity.status) || now >= activity.endAt) return 'finished';
  if (activity.status === 'paused') return 'paused';
  return now < activity.startAt ? 'scheduled' : 'selling';
}

/**
 * A phase as conditions a query can test: any one of the alternatives, each some statuses and, for a
 * published activity, whether its start and end have passed. `activityPhase` and these always agree.
 */
export interface PhaseCondition {
  readonly statuses: readonly ActivityStatus[];
  /** startAt ≤ now (true) or > now (false); either when absent. */
  readonly started?: boolean;
  /** endAt ≤ now (true) or > now (false); either when absent. */
  readonly ended?: boolean;
}

export function phaseConditions(phase: ActivityPhase): PhaseCondition[] {
  const published = activityMachine.transition('published');
  const ending = activityMachine.transition('ended');
  switch (phase) {
    case 'draft':
      return [{ statuses: published.from }];
    case 'scheduled':
      return [{ statuses: [published.to], started: false, ended: false }];
    case 'selling':
      return [{ statuses: [published.to], started: true, ended: false }];
    case 'paused':
      return [{ statuses: [activityMachine.transition('paused').to], ended: false }];
    case 'finished':
      return [{ statuses: [ending.to] }, { statuses: ending.from, ended: true }];
  }
}
