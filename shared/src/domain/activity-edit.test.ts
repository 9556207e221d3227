import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_FIELD_LABELS,
  type ActivityEdit,
  activityEditSchema,
  activityEvents,
  activityPhase,
  activityPhaseSchema,
  changedFields,
  type EditableActivity,
  editOf,
  editRefusals,
  type EditField,
  LIVE_CHANGE_HINTS,
  LIVE_CHANGES,
  phaseConditions,
  poolPlan,
  publishRefusal,
  scopeCovers,
} from './activity-edit';
import { type ActivityStatus, activityStatusSchema } from './activity.machine';
import { activityRulesSchema, type ActivityScope } from './activity.schema';
import { geoPoint } from './common.schema';
import { fen } from '../kernel/money';

const HOUR = 3_600_000;
const rules = activityRulesSchema.parse({
  groupPrice: 2990,
  soloPrice: 3990,
  leaderPrice: 2690,
  groupSize: 3,
  validityHours: 24,
  startAt: 100 * HOUR,
  endAt: 200 * HOUR,
  perOrderLimit: 2,
  perUserLimit: 5,
  stockMode: 'dedicated',
  scope: { kind: 'districts', districts: ['渝中区', '南岸区'] },
  guarantee: { minPaidShare: 0.6 },
});
const pool = { available: 20, reserved: 3, sold: 5 };
const activity = (status: ActivityStatus, overrides: Partial<EditableActivity> = {}): EditableActivity => ({
  ...rules,
  title: '老火锅底料 3 人团',
  status,
  pool,
  ...overrides,
});
const edit = (changes: Partial<ActivityEdit> = {}): ActivityEdit => ({ ...editOf(activity('active')), ...changes });
const refusals = (status: ActivityStatus, changes: Partial<ActivityEdit>) =>
  editRefusals(activity(status), edit(changes)).map((i) => `${i.field}: ${i.message}`);

/** For every field, one change a live activity accepts (if any) and one it refuses (if any). */
const changes: Record<EditField, { widen?: Partial<ActivityEdit>; narrow?: Partial<ActivityEdit> }> = {
  title: { widen: { title: '老火锅底料 限时 3 人团' } },
  startAt: { widen: { startAt: 90 * HOUR }, narrow: { startAt: 110 * HOUR } },
  endAt: { widen: { endAt: 300 * HOUR }, narrow: { endAt: 150 * HOUR } },
  validityHours: { widen: { validityHours: 48 }, narrow: { validityHours: 12 } },
  perOrderLimit: { widen: { perOrderLimit: 3 }, narrow: { perOrderLimit: 1 } },
  perUserLimit: { widen: { perUserLimit: 9 }, narrow: { perUserLimit: 4 } },
  newCustomerOnly: { narrow: { newCustomerOnly: true } },
  scope: {
    widen: { scope: { kind: 'districts', districts: ['渝中区', '南岸区', '江北区'] } },
    narrow: { scope: { kind: 'districts', districts: ['渝中区'] } },
  },
  guarantee: { widen: { guarantee: { minPaidShare: 0.34 } }, narrow: { guarantee: { minPaidShare: 0.66 } } },
  poolSize: { widen: { poolSize: 50 }, narrow: { poolSize: 10 } },
  groupPrice: { narrow: { groupPrice: fen(2890) } },
  soloPrice: { narrow: { soloPrice: fen(4990) } },
  leaderPrice: { narrow: { leaderPrice: fen(2590) } },
  groupSize: { narrow: { groupSize: 5 } },
  stockMode: { narrow: { stockMode: 'shared' } },
};

describe('the activity form', () => {
  it('checks the rules and wants a pool size for a dedicated activity, in Chinese', () => {
    const form = { ...edit(), title: '  ' };
    const issues = activityEditSchema.safeParse(form).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(['title: 请填写活动标题']);
    const { poolSize: _, ...withoutPool } = edit();
    expect(activityEditSchema.safeParse(withoutPool).error?.issues.map((i) => i.message)).toEqual(['请填写专属库存']);
    expect(activityEditSchema.safeParse({ ...withoutPool, stockMode: 'shared' }).success).toBe(true);
    expect(activityEditSchema.safeParse({ ...edit(), poolSize: -1 }).error?.issues[0]?.message).toBe(
      '专属库存不能为负数',
    );
  });

  it('reads an activity back as the form holds it: the pool as its total, none for a shared activity', () => {
    expect(editOf(activity('active'))).toMatchObject({ poolSize: 28, title: '老火锅底料 3 人团' });
    expect(editOf(activity('active'))).not.toHaveProperty('status');
    expect(editOf(activity('active', { stockMode: 'shared', pool: undefined }))).not.toHaveProperty('poolSize');
    expect(changedFields(activity('active'), edit())).toEqual([]);
    // A pool size sent for a shared activity changes nothing.
    const shared = activity('active', { stockMode: 'shared', pool: undefined });
    expect(changedFields(shared, { ...editOf(shared), poolSize: 9 })).toEqual([]);
    // Key order does not make a change.
    const center = geoPoint(106.58, 29.56);
    const radius = activity('active', { scope: { kind: 'radius', center, radiusMeters: 3000 } });
    const reordered = {
      radiusMeters: 3000,
      center: { coordinates: center.coordinates, type: 'Point' },
      kind: 'radius',
    };
    expect(changedFields(radius, { ...editOf(radius), scope: reordered as ActivityScope })).toEqual([]);
  });

  it('labels every field and hints how each may change once published', () => {
    expect(Object.keys(LIVE_CHANGES).sort()).toEqual(Object.keys(ACTIVITY_FIELD_LABELS).sort());
    expect(Object.keys(changes).sort()).toEqual(Object.keys(ACTIVITY_FIELD_LABELS).sort());
    for (const mode of Object.values(LIVE_CHANGES)) expect(typeof LIVE_CHANGE_HINTS[mode]).toBe('string');
  });
});

describe('editing a published activity', () => {
  it('lets a draft change anything', () => {
    for (const { widen, narrow } of Object.values(changes)) {
      expect(refusals('draft', { ...widen })).toEqual([]);
      expect(refusals('draft', { ...narrow })).toEqual([]);
    }
  });

  it.each(['active', 'paused'] as const)('lets a %s activity only widen: every field, both ways', (status) => {
    for (const [field, { widen, narrow }] of Object.entries(changes) as [EditField, (typeof changes)[EditField]][]) {
      if (widen) expect(refusals(status, widen), `${field} widened`).toEqual([]);
      if (narrow && field !== 'poolSize') {
        const found = refusals(status, narrow);
        expect(found, `${field} narrowed`).toHaveLength(1);
        expect(found[0]).toMatch(new RegExp(`^${field}: 活动已发布，`));
      }
    }
    // The pool is poolPlan's to judge (down to what is held and sold).
    expect(refusals(status, { poolSize: 10 })).toEqual([]);
    expect(refusals(status, { groupPrice: fen(2890), endAt: 150 * HOUR })).toEqual([
      'groupPrice: 活动已发布，拼团价不能修改：正在拼的团按开团时的规则成团',
      'endAt: 活动已发布，结束时间只能延后：正在拼的团需要时间成团',
    ]);
  });

  it('takes the loosening of the new-customer rule and of the guarantee, never the tightening', () => {
    const newOnly = activity('active', { newCustomerOnly: true });
    expect(editRefusals(newOnly, { ...editOf(newOnly), newCustomerOnly: false })).toEqual([]);
    const unguaranteed = activity('active', { guarantee: undefined });
    expect(editRefusals(unguaranteed, { ...editOf(unguaranteed), guarantee: { minPaidShare: 0.5 } })).toEqual([]);
    const { guarantee: _, ...withoutGuarantee } = edit();
    expect(editRefusals(activity('active'), withoutGuarantee as ActivityEdit)).toEqual([
      { field: 'guarantee', message: '活动已发布，成团保障只能开启或降低比例，不能关闭或提高' },
    ]);
    // Opening the scope to everyone widens it; closing an open activity to districts does not.
    const { scope: __, ...open } = edit();
    expect(editRefusals(activity('active'), open as ActivityEdit)).toEqual([]);
    const everywhere = activity('active', { scope: undefined });
    expect(
      editRefusals(everywhere, { ...editOf(everywhere), scope: { kind: 'districts', districts: ['渝中区'] } }),
    ).toHaveLength(1);
  });

  it('changes nothing of an ended activity but its pool', () => {
    for (const [field, { widen, narrow }] of Object.entries(changes) as [EditField, (typeof changes)[EditField]][]) {
      if (field === 'poolSize') continue;
      for (const change of [widen, narrow]) {
        if (change) expect(refusals('ended', change)).toEqual([`${field}: 活动已结束，不能再修改规则`]);
      }
    }
    expect(refusals('ended', { poolSize: 8 })).toEqual([]);
  });
});

describe('scopes', () => {
  const circle = (lng: number, lat: number, radiusMeters: number): ActivityScope => ({
    kind: 'radius',
    center: geoPoint(lng, lat),
    radiusMeters,
  });
  const districts = (...names: ('渝中区' | '南岸区' | '江北区')[]): ActivityScope => ({
    kind: 'districts',
    districts: names,
  });

  it('covers what lies inside: everywhere, a superset of districts, a circle around a circle', () => {
    expect(scopeCovers(undefined, districts('渝中区'))).toBe(true);
    expect(scopeCovers(undefined, undefined)).toBe(true);
    expect(scopeCovers(districts('渝中区'), undefined)).toBe(false);
    expect(scopeCovers(districts('渝中区', '南岸区'), districts('南岸区'))).toBe(true);
    expect(scopeCovers(districts('南岸区'), districts('渝中区', '南岸区'))).toBe(false);
    expect(scopeCovers(circle(106.58, 29.56, 5000), circle(106.58, 29.56, 3000))).toBe(true);
    expect(scopeCovers(circle(106.58, 29.56, 3000), circle(106.58, 29.56, 3000))).toBe(true);
    expect(scopeCovers(circle(106.58, 29.56, 2999), circle(106.58, 29.56, 3000))).toBe(false);
    // Moved 1 km east: a 5 km circle still holds the old 3 km one, a 3.5 km circle does not.
    expect(scopeCovers(circle(106.5903, 29.56, 5000), circle(106.58, 29.56, 3000))).toBe(true);
    expect(scopeCovers(circle(106.5903, 29.56, 3500), circle(106.58, 29.56, 3000))).toBe(false);
    expect(scopeCovers(circle(106.58, 29.56, 100_000), districts('渝中区'))).toBe(false);
    expect(scopeCovers(districts('渝中区', '南岸区', '江北区'), circle(106.58, 29.56, 100))).toBe(false);
  });
});

describe('the dedicated pool', () => {
  const plan = (status: ActivityStatus, poolSize: number | undefined, skuAvailable = 100, stockMode = 'dedicated') =>
    poolPlan(
      { status, stockMode: 'dedicated', pool },
      { stockMode: stockMode as 'dedicated' | 'shared', poolSize },
      skuAvailable,
    );

  it('grows by what the SKU has, and shrinks down to what is held and sold', () => {
    expect(plan('active', 50)).toEqual({ ok: true, delta: 22, pool: 'keep' });
    expect(plan('active', 128)).toEqual({ ok: true, delta: 100, pool: 'keep' });
    expect(plan('active', 129)).toEqual({
      ok: false,
      outOfStock: true,
      issue: { field: 'poolSize', message: 'SKU 可用库存不足：最多还能划拨 100 件' },
    });
    expect(plan('paused', 8)).toEqual({ ok: true, delta: -20, pool: 'keep' });
    expect(plan('active', 7)).toEqual({
      ok: false,
      issue: { field: 'poolSize', message: '专属库存不能少于已占用和已售出的 8 件' },
    });
    expect(plan('active', 28, 0)).toEqual({ ok: true, delta: 0, pool: 'keep' });
  });

  it('only gives units back once the activity ended', () => {
    expect(plan('ended', 8)).toEqual({ ok: true, delta: -20, pool: 'keep' });
    expect(plan('ended', 29)).toMatchObject({
      ok: false,
      issue: { message: '活动已结束，专属库存只能回收，不能追加' },
    });
  });

  it('carves a whole pool when a draft turns dedicated, and gives it all back when it turns shared', () => {
    const draft = { status: 'draft' as const, stockMode: 'shared' as const };
    expect(poolPlan(draft, { stockMode: 'dedicated', poolSize: 30 }, 100)).toEqual({
      ok: true,
      delta: 30,
      pool: 'create',
    });
    expect(poolPlan(draft, { stockMode: 'shared' }, 0)).toEqual({ ok: true, delta: 0, pool: 'none' });
    const carved = {
      status: 'draft' as const,
      stockMode: 'dedicated' as const,
      pool: { ...pool, reserved: 0, sold: 0 },
    };
    expect(poolPlan(carved, { stockMode: 'shared' }, 0)).toEqual({ ok: true, delta: -20, pool: 'remove' });
    // A pool that holds or sold units never goes back whole.
    expect(plan('draft', undefined, 100, 'shared')).toMatchObject({ ok: false });
  });
});

describe('publishing and the console’s actions', () => {
  it('publishes a draft that has not ended and, when dedicated, has units to sell', () => {
    expect(publishRefusal({ endAt: 10, stockMode: 'shared' }, 5)).toBeUndefined();
    expect(publishRefusal({ endAt: 10, stockMode: 'shared' }, 10)).toBe('活动结束时间已过，请先修改结束时间');
    expect(publishRefusal({ endAt: 10, stockMode: 'dedicated', pool: { ...pool, available: 0 } }, 5)).toBe(
      '专属库存为 0，请先设置专属库存',
    );
    expect(publishRefusal({ endAt: 10, stockMode: 'dedicated', pool }, 5)).toBeUndefined();
  });

  it('offers the machine’s events for each status', () => {
    const offered = Object.fromEntries(activityStatusSchema.options.map((s) => [s, activityEvents(s)]));
    expect(offered).toEqual({
      draft: ['published'],
      active: ['paused', 'ended'],
      paused: ['resumed', 'ended'],
      ended: [],
    });
  });

  it('describes each phase as query conditions that agree with activityPhase, for every status and moment', () => {
    const window = { startAt: 10, endAt: 20 };
    for (const status of activityStatusSchema.options) {
      for (const now of [5, 10, 15, 20, 25]) {
        const phase = activityPhase({ status, ...window }, now);
        const matching = activityPhaseSchema.options.filter((p) =>
          phaseConditions(p).some(
            (c) =>
              c.statuses.includes(status) &&
              (c.started === undefined || c.started === window.startAt <= now) &&
              (c.ended === undefined || c.ended === window.endAt <= now),
          ),
        );
        expect(matching, `${status} at ${now}`).toEqual([phase]);
      }
    }
  });

  it('tells draft, not started, selling, paused and finished apart', () => {
    const at = (status: ActivityStatus, now: number) => activityPhase({ status, startAt: 10, endAt: 20 }, now);
    expect(at('draft', 15)).toBe('draft');
    expect(at('draft', 25)).toBe('draft');
    expect(at('active', 5)).toBe('scheduled');
    expect(at('active', 15)).toBe('selling');
    expect(at('active', 20)).toBe('finished');
    expect(at('paused', 5)).toBe('paused');
    expect(at('paused', 25)).toBe('finished');
    expect(at('ended', 15)).toBe('finished');
  });
});
