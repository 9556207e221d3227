/**
 * What the 拼团活动 pages show and send: the form holds money in yuan, times as Shanghai wall-clock text
 * and the scope and guarantee as the staff member picks them; `formRequest` turns it into the rules the
 * server takes (fen, epoch ms) and checks them with the domain's own schema and live-change rules, so a
 * refusal shows beside its field before anything is sent, in the same words the server would answer.
 */
import {
  type CommissionRule,
  commissionRuleRefusal,
  commissionRuleSchema,
  ERROR_MESSAGES,
  type ActivityEdit,
  activityEditSchema,
  type ActivityPhase,
  type ConsoleActivity,
  type EditField,
  editRefusals,
  LIVE_CHANGE_HINTS,
  LIVE_CHANGES,
  type PickupPointChoice,
  poolPlan,
  sharePercent,
  type StockMode,
} from '@shared/admin-client';

import { yuan } from '../orders/view';

export { yuan };

export type ScopeKind = 'all' | 'districts' | 'radius' | 'pickup_point';

/** The scope choices as the form's radio buttons show them (社区团: delivery only by pickup at one point). */
export const SCOPE_KIND_LABELS: Record<ScopeKind, string> = {
  all: '不限',
  districts: '指定区县',
  radius: '按距离',
  pickup_point: '社区团（指定自提点）',
};

export interface ActivityForm {
  title: string;
  /** Yuan, as typed. */
  groupPrice: string;
  soloPrice: string;
  /** Empty: no leader price. */
  leaderPrice: string;
  groupSize: number;
  validityHours: number;
  /** `YYYY-MM-DD HH:mm:ss` in Shanghai. */
  startAt: string;
  endAt: string;
  perOrderLimit: number;
  perUserLimit: number;
  newCustomerOnly: boolean;
  stockMode: StockMode;
  poolSize: number;
  scopeKind: ScopeKind;
  districts: string[];
  /** Degrees, as typed. */
  longitude: string;
  latitude: string;
  radiusMeters: number;
  /** 社区团: the one active point every member collects at ('' before one is chosen). */
  pickupPointId: string;
  guaranteeOn: boolean;
  /** Whole percent. */
  guaranteePercent: number;
}

const HOUR = 3_600_000;
const SHANGHAI_OFFSET = 8 * HOUR;

/** An instant as Shanghai wall-clock text, `YYYY-MM-DD HH:mm:ss`. */
export const shanghaiText = (at: number): string =>
  new Date(at + SHANGHAI_OFFSET).toISOString().slice(0, 19).replace('T', ' ');

/** Shanghai wall-clock text (`YYYY-MM-DD HH:mm[:ss]`) as an instant, or NaN. */
export const shanghaiInstant = (text: string): number =>
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text.trim())
    ? Date.parse(`${text.trim().replace(' ', 'T')}+08:00`)
    : Number.NaN;

/** A new activity's form: a 3-person group selling from the next hour for a week. */
export function emptyForm(now: number): ActivityForm {
  const start = Math.ceil(now / HOUR) * HOUR;
  return {
    title: '',
    groupPrice: '',
    soloPrice: '',
    leaderPrice: '',
    groupSize: 3,
    validityHours: 24,
    startAt: shanghaiText(start),
    endAt: shanghaiText(start + 7 * 24 * HOUR),
    perOrderLimit: 1,
    perUserLimit: 5,
    newCustomerOnly: false,
    stockMode: 'shared',
    poolSize: 0,
    scopeKind: 'all',
    districts: [],
    longitude: '106.5775',
    latitude: '29.5577',
    radiusMeters: 3000,
    pickupPointId: '',
    guaranteeOn: false,
    guaranteePercent: 60,
  };
}

/** The form for an activity as stored. */
export function formOf(activity: ConsoleActivity): ActivityForm {
  const scope = activity.scope;
  const pool = activity.pool;
  return {
    ...emptyForm(activity.startAt),
    title: activity.title,
    groupPrice: yuan(activity.groupPrice),
    soloPrice: yuan(activity.soloPrice),
    leaderPrice: activity.leaderPrice !== undefined ? yuan(activity.leaderPrice) : '',
    groupSize: activity.groupSize,
    validityHours: activity.validityHours,
    startAt: shanghaiText(activity.startAt),
    endAt: shanghaiText(activity.endAt),
    perOrderLimit: activity.perOrderLimit,
    perUserLimit: activity.perUserLimit,
    newCustomerOnly: activity.newCustomerOnly,
    stockMode: activity.stockMode,
    poolSize: pool ? pool.available + pool.reserved + pool.sold : 0,
    scopeKind: scope ? scope.kind : 'all',
    districts: scope?.kind === 'districts' ? [...scope.districts] : [],
    ...(scope?.kind === 'radius'
      ? {
          longitude: String(scope.center.coordinates[0]),
          latitude: String(scope.center.coordinates[1]),
          radiusMeters: scope.radiusMeters,
        }
      : {}),
    pickupPointId: scope?.kind === 'pickup_point' ? scope.pickupPointId : '',
    guaranteeOn: activity.guarantee !== undefined,
    guaranteePercent: activity.guarantee ? sharePercent(activity.guarantee.minPaidShare) : 60,
  };
}

/** Yuan text → fen, or the message to show. Up to 2 decimals. */
export function yuanToFen(text: string, label: string): number | string {
  const match = /^\s*(\d{1,8})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return `请填写${label}（元，最多两位小数）`;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export type FormErrors = Partial<Record<EditField, string>>;

export type FormResult = { ok: true; edit: ActivityEdit } | { ok: false; errors: FormErrors };

/** What the server needs to know to check a change: the activity as it is and its SKU's available units. */
export interface EditContext {
  readonly current?: ConsoleActivity;
  readonly skuAvailable?: number;
}

/**
 * The rules the form holds, as the server takes them (fen, epoch ms), or a message at each refused field:
 * the domain's schema (every rule and cross-field check), for a published activity what may change live,
 * and the dedicated pool's plan against what the SKU has available.
 */
export function formRequest(form: ActivityForm, context: EditContext = {}): FormResult {
  const errors: FormErrors = {};
  const money = (field: 'groupPrice' | 'soloPrice' | 'leaderPrice', label: string): number | undefined => {
    const value = yuanToFen(form[field], label);
    if (typeof value === 'string') {
      errors[field] = value;
      return undefined;
    }
    return value;
  };
  const raw: Record<string, unknown> = {
    title: form.title.trim(),
    groupPrice: money('groupPrice', '拼团价'),
    soloPrice: money('soloPrice', '单买价'),
    leaderPrice: form.leaderPrice.trim() === '' ? undefined : money('leaderPrice', '团长价'),
    groupSize: form.groupSize,
    validityHours: form.validityHours,
    startAt: shanghaiInstant(form.startAt),
    endAt: shanghaiInstant(form.endAt),
    perOrderLimit: form.perOrderLimit,
    perUserLimit: form.perUserLimit,
    newCustomerOnly: form.newCustomerOnly,
    stockMode: form.stockMode,
    poolSize: form.stockMode === 'dedicated' ? form.poolSize : undefined,
    scope:
      form.scopeKind === 'districts'
        ? { kind: 'districts', districts: form.districts }
        : form.scopeKind === 'radius'
          ? {
              kind: 'radius',
              center: { type: 'Point', coordinates: [Number(form.longitude), Number(form.latitude)] },
              radiusMeters: form.radiusMeters,
            }
          : form.scopeKind === 'pickup_point'
            ? { kind: 'pickup_point', pickupPointId: form.pickupPointId }
            : undefined,
    guarantee: form.guaranteeOn ? { minPaidShare: form.guaranteePercent / 100 } : undefined,
  };
  if (Number.isNaN(raw.startAt)) errors.startAt = '请选择开始时间';
  if (Number.isNaN(raw.endAt)) errors.endAt = '请选择结束时间';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = activityEditSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)),
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as EditField | undefined;
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const edit = parsed.data;
  const { current } = context;
  if (current) {
    const editable = { ...current, pool: current.pool ? { ...current.pool, holds: {} } : undefined };
    for (const refusal of editRefusals(editable, edit)) errors[refusal.field] ??= refusal.message;
    if (context.skuAvailable !== undefined) {
      const plan = poolPlan(editable, edit, context.skuAvailable);
      if (!plan.ok) errors.poolSize ??= plan.issue.message;
    }
  } else if (context.skuAvailable !== undefined) {
    const plan = poolPlan({ status: 'draft', stockMode: 'shared' }, edit, context.skuAvailable);
    if (!plan.ok) errors.poolSize ??= plan.issue.message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, edit };
}

/** What the form says beside a field of a published activity ('' for a draft or a field that may change). */
export function liveHint(status: ConsoleActivity['status'] | undefined, field: EditField): string {
  if (!status || status === 'draft') return '';
  if (status === 'ended') return field === 'poolSize' ? LIVE_CHANGE_HINTS.pool : '活动已结束，不能再修改规则';
  return LIVE_CHANGE_HINTS[LIVE_CHANGES[field]];
}

/** Whether a field of a published activity cannot change at all. */
export const isFrozen = (status: ConsoleActivity['status'] | undefined, field: EditField): boolean =>
  status !== undefined &&
  status !== 'draft' &&
  (status === 'ended' ? field !== 'poolSize' : LIVE_CHANGES[field] === 'frozen');

export interface ActivitySearchForm {
  keyword: string;
  phase: ActivityPhase | '';
  /** Ops only: one merchant's activities. */
  merchantId: string;
}

export const emptySearch = (): ActivitySearchForm => ({ keyword: '', phase: '', merchantId: '' });

/** The search request: trimmed, empty fields left out. */
export function searchRequest(form: ActivitySearchForm): {
  keyword?: string;
  phase?: ActivityPhase;
  merchantId?: string;
} {
  return {
    ...(form.keyword.trim() ? { keyword: form.keyword.trim() } : {}),
    ...(form.phase ? { phase: form.phase } : {}),
    ...(form.merchantId.trim() ? { merchantId: form.merchantId.trim() } : {}),
  };
}

/** The 佣金规则 form: on or off, a rate in percent or an amount per unit in yuan, and a bonus per group in yuan. */
export interface CommissionForm {
  on: boolean;
  kind: 'rate' | 'per_unit';
  /** Percent of what the order paid, as typed (`8` or `8.5`). */
  percent: string;
  /** Yuan per unit, as typed. */
  perUnit: string;
  /** Yuan per successful group, as typed; empty for none. */
  bonus: string;
}

/** The form showing `rule` (off when there is none). */
export function commissionFormOf(rule: CommissionRule | undefined): CommissionForm {
  return {
    on: rule !== undefined,
    kind: rule?.base.kind ?? 'rate',
    percent: rule?.base.kind === 'rate' ? String(rule.base.basisPoints / 100) : '',
    perUnit: rule?.base.kind === 'per_unit' ? yuan(rule.base.amount) : '',
    bonus: rule?.groupBonus !== undefined ? yuan(rule.groupBonus) : '',
  };
}

/** How a rule reads: `实付 8%，成团奖励 ¥5.00`. */
export function commissionText(rule: CommissionRule | undefined): string {
  if (!rule) return '未设置（不产生佣金）';
  const base = rule.base.kind === 'rate' ? `实付 ${rule.base.basisPoints / 100}%` : `每件 ¥${yuan(rule.base.amount)}`;
  return rule.groupBonus !== undefined ? `${base}，成团奖励 ¥${yuan(rule.groupBonus)}` : base;
}

/**
 * The rule the form holds as `setCommissionRule` takes it (null: remove it), checked by the domain's schema and its
 * refusal against the activity's prices, or the message to show.
 */
export function commissionRequest(
  form: CommissionForm,
  prices: { readonly groupPrice: number; readonly leaderPrice?: number | undefined },
): { ok: true; rule: CommissionRule | null } | { ok: false; message: string } {
  if (!form.on) return { ok: true, rule: null };
  let base: Record<string, unknown>;
  if (form.kind === 'rate') {
    const match = /^\s*(\d{1,2})(?:\.(\d{1,2}))?\s*$/.exec(form.percent);
    if (!match) return { ok: false, message: '请填写佣金比例（%，最多两位小数）' };
    base = { kind: 'rate', basisPoints: Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) };
  } else {
    const amount = yuanToFen(form.perUnit, '每件佣金');
    if (typeof amount === 'string') return { ok: false, message: amount };
    base = { kind: 'per_unit', amount };
  }
  let groupBonus: number | undefined;
  if (form.bonus.trim() !== '') {
    const bonus = yuanToFen(form.bonus, '成团奖励');
    if (typeof bonus === 'string') return { ok: false, message: bonus };
    groupBonus = bonus;
  }
  const parsed = commissionRuleSchema.safeParse({ base, ...(groupBonus !== undefined ? { groupBonus } : {}) });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? '佣金规则有误' };
  if (commissionRuleRefusal(parsed.data, prices)) {
    return { ok: false, message: ERROR_MESSAGES.COMMISSION_TOO_HIGH };
  }
  return { ok: true, rule: parsed.data };
}

/**
 * The 社区团 point picker's options: the active points found, and the point the activity names when it is not
 * among them (deactivated since, or another page of the search), shown by its id so the form keeps it.
 */
export function pointChoices(
  found: readonly PickupPointChoice[],
  scope: ConsoleActivity['scope'],
): (PickupPointChoice | { pickupPointId: string; name: string; district: string; address: string })[] {
  if (scope?.kind !== 'pickup_point' || found.some((p) => p.pickupPointId === scope.pickupPointId)) return [...found];
  return [{ pickupPointId: scope.pickupPointId, name: scope.pickupPointId, district: '当前', address: '' }, ...found];
}
